import { describe, expect, it } from 'vitest';
import { HttpsProxyAgent } from 'https-proxy-agent';
import { SocksProxyAgent } from 'socks-proxy-agent';
import { ConfigError, loadConfig } from '../src/config.js';
import { accountInputSchema, publicAccount } from '../src/account.js';
import { bypassesProxy, maskProxyUrl, parseNoProxy, proxyUrlSchema } from '../src/discord-proxy.js';
import { ProxyRoutes } from '../src/proxy-agents.js';

const bypasses = (url: string, noProxy: string) => bypassesProxy(new URL(url), parseNoProxy(noProxy));

describe('proxy URLs', () => {
  it.each(['http://proxy:3128', 'https://user:pass@proxy.example:8443', 'socks5://127.0.0.1:1080', 'socks5h://u:p@[::1]:1080'])('accepts %s', (url) => {
    expect(proxyUrlSchema.safeParse(url).success).toBe(true);
  });

  it.each([
    ['ftp://user:hidden@proxy:21', 'not supported'],
    ['socks4://proxy:1080', 'not supported'],
    ['//hidden@', 'must be a proxy URL'],
    ['http://proxy:3128/some/path', 'host and port only'],
  ])('refuses %s, never quoting it', (url, why) => {
    const result = proxyUrlSchema.safeParse(url);
    expect(result.success).toBe(false);
    const message = result.error!.issues.map((i) => i.message).join();
    expect(message).toContain(why);
    expect(message).not.toContain('hidden');
  });

  it('masks credentials, keeping scheme, host and port', () => {
    expect(maskProxyUrl('http://alice:s3cret@proxy.example:3128')).toBe('http://***@proxy.example:3128');
    expect(maskProxyUrl('socks5://token@10.0.0.7:1080')).toBe('socks5://***@10.0.0.7:1080');
    expect(maskProxyUrl('http://proxy:3128')).toBe('http://proxy:3128');
    expect(maskProxyUrl('not a url s3cret')).toBe('***');
  });
});

describe('NO_PROXY', () => {
  it('matches hosts and their subdomains, with or without a leading dot or *.', () => {
    expect(bypasses('https://discord.com/api', 'discord.com')).toBe(true);
    expect(bypasses('https://cdn.discordapp.com/x', '.discordapp.com')).toBe(true);
    expect(bypasses('https://media.discordapp.net/x', '*.discordapp.net')).toBe(true);
    expect(bypasses('https://notdiscord.com/', 'discord.com')).toBe(false);
    expect(bypasses('https://discord.com/', '')).toBe(false);
  });

  it('matches IP addresses, ports and *', () => {
    expect(bypasses('http://127.0.0.1:8090/api', 'localhost, 127.0.0.1')).toBe(true);
    expect(bypasses('http://127.0.0.1:8090/api', '127.0.0.1:9000')).toBe(false);
    expect(bypasses('http://127.0.0.1:8090/api', '127.0.0.1:8090')).toBe(true);
    expect(bypasses('wss://gateway.discord.gg/?v=9', 'gateway.discord.gg:443')).toBe(true);
    expect(bypasses('http://[::1]:8090/', '::1')).toBe(true);
    expect(bypasses('http://[::1]:8090/', '[::1]:8090')).toBe(true);
    expect(bypasses('https://anything.example/', 'a.example *')).toBe(true);
  });
});

describe('ProxyRoutes', () => {
  it("takes the account's proxy over the global one, and none for NO_PROXY hosts", () => {
    const routes = new ProxyRoutes('http://global:3128', parseNoProxy('cdn.example'));
    expect(routes.proxyFor('https://discord.com/api/v9/gateway')).toBe('http://global:3128');
    expect(routes.proxyFor('https://discord.com/api/v9/gateway', 'socks5://own:1080')).toBe('socks5://own:1080');
    expect(routes.proxyFor('https://cdn.example/a.png', 'socks5://own:1080')).toBeUndefined();
    expect(new ProxyRoutes(undefined).proxyFor('https://discord.com/')).toBeUndefined();
    expect(new ProxyRoutes(undefined).proxyFor('https://discord.com/', 'http://own:3128')).toBe('http://own:3128');
  });

  it('builds one tunnelling agent per proxy, shared by got (http and https) and ws', () => {
    const routes = new ProxyRoutes('http://u:p@global:3128');
    const got = routes.gotAgents('https://discord.com/')!;
    expect(got.https).toBeInstanceOf(HttpsProxyAgent);
    expect(got.http).toBe(got.https);
    expect(routes.socketAgent('wss://gateway.discord.gg/')).toBe(got.https);
    expect(routes.gotAgents('https://discord.com/', 'socks5://own:1080')!.https).toBeInstanceOf(SocksProxyAgent);
    expect(new ProxyRoutes(undefined).gotAgents('https://discord.com/')).toBeUndefined();
    routes.destroy();
  });
});

describe('configuration', () => {
  it('reads DISCORD_PROXY and NO_PROXY (or no_proxy)', () => {
    const config = loadConfig({ DISCORD_PROXY: 'socks5://u:p@10.0.0.7:1080', no_proxy: 'localhost,.internal' });
    expect(config.discord.proxy).toBe('socks5://u:p@10.0.0.7:1080');
    expect(config.discord.noProxy).toEqual(['localhost', '.internal']);
    expect(loadConfig({ NO_PROXY: 'a', no_proxy: 'b' }).discord.noProxy).toEqual(['a']);
    expect(loadConfig({}).discord.proxy).toBeUndefined();
  });

  it('reports a bad DISCORD_PROXY without its value', () => {
    let error: ConfigError | undefined;
    try {
      loadConfig({ DISCORD_PROXY: 'ftp://user:hidden@host:21' });
    } catch (err) {
      error = err as ConfigError;
    }
    expect(error?.problems.join()).toContain('DISCORD_PROXY');
    expect(error?.message).not.toContain('hidden');
  });

  it("an account's proxy is shown masked", () => {
    const input = { id: 'a', userToken: 'a-user-token-123', guildId: '123456789012345678', channelId: '123456789012345678', proxy: 'http://bob:pw@10.0.0.8:3128' };
    const { userToken: _token, ...rest } = accountInputSchema.parse(input);
    expect(publicAccount(rest).proxy).toBe('http://***@10.0.0.8:3128');
  });
});
