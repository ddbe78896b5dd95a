/**
 * The seed's correlation marker: `<#TASKID#>` written into the prompt survives into every message of
 * that prompt, including children of U/V/zoom clicks (§4.6 point 2).
 */
const MARKER = /<#(\w+?)#>/;

/**
 * The prompt as sent to /imagine. Image prompts must be URLs at the very start of the value (§3.2),
 * so they go before the marker; the seed puts the text right after the marker, without a space.
 */
export function buildPromptWithMarker(taskId: string, prompt: string, imageUrls: string[] = []): string {
  const marked = `<#${taskId}#>${prompt}`;
  return imageUrls.length > 0 ? `${imageUrls.join(' ')} ${marked}` : marked;
}

export function extractTaskMarker(text: string): string | undefined {
  return MARKER.exec(text)?.[1];
}
