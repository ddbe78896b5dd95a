/** Midjourney's application id, which is also its bot user id (§4.1: author, application_id, webhook_id). */
export const MIDJOURNEY_APPLICATION_ID = '936929561302675456';
