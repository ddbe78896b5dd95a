/**
 * A small default list, in the spirit of Midjourney's community guidelines. Operators extend it
 * through the admin API (PUT /admin/banned-words); every replica picks the change up.
 */
export const DEFAULT_BANNED_WORDS: readonly string[] = [
  'ass',
  'nude',
  'nudity',
  'naked',
  'porn',
  'pornography',
  'nsfw',
  'hentai',
  'sex',
  'sexy',
  'genitals',
  'gore',
  'beheading',
  'dismembered',
  'torture',
  'child abuse',
  'sexual violence',
  'self harm',
  'suicide',
  'massacre',
  'blood bath',
  'swastika',
  'white supremacy',
  'erotic',
  'fetish',
  'xxx',
];
