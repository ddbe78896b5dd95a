/**
 * Where result images may be downloaded from. A message names its image URLs, and anything that
 * can post in the channel can name any URL: the listener fetches only from Discord itself.
 */
export type ImageSourcePolicy = (url: URL) => boolean;

/** Discord's CDN (attachments) and media proxy (`proxy_url`, embed images). */
export const DISCORD_CDN_ORIGINS: readonly string[] = ['https://cdn.discordapp.com', 'https://media.discordapp.net'];

/**
 * The configured Discord base (the sandbox serves its CDN there, on the same host and port) and
 * Discord's CDN hosts. Matched by origin, so scheme and port count: `http://cdn.discordapp.com`
 * or another port on the sandbox's host is refused.
 */
export function discordImageSources(apiUrl: string): ImageSourcePolicy {
  const allowed = new Set([new URL(apiUrl).origin, ...DISCORD_CDN_ORIGINS]);
  return (url) => allowed.has(url.origin);
}
