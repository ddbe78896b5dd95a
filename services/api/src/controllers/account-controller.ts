import { Body, Controller, Get, Path, Post, Response, Route, Security, SuccessResponse, Tags } from '@tsoa/runtime';
import { AppError, accountInputSchema, publicAccount } from '@mjq/common';
import type { AccountStatusView } from '../account-command-dto.js';
import type { AccountBody, AccountView, DisableBody } from '../admin-dto.js';
import type { RequestContext } from '../context.js';
import type { ErrorView } from '../dto.js';
import { assertRedisReady } from '../storage-guard.js';

/** Midjourney accounts: list, add, disable, enable. Tokens and proxy credentials are write-only. */
@Route('admin/accounts')
@Tags('Admin')
@Security('admin')
@Response<ErrorView>(401, 'Missing or invalid admin key')
@Response<ErrorView>(403, 'Admin API disabled (no ADMIN_KEYS)')
export class AccountController extends Controller {
  constructor(private readonly ctx: RequestContext) {
    super();
  }

  /** The accounts, each with what Midjourney last said about it (`observed`: /info, /settings, mode). */
  @Get()
  public async listAccounts(): Promise<AccountStatusView[]> {
    assertRedisReady(this.ctx);
    const [accounts, observed] = await Promise.all([this.ctx.accounts.list(), this.ctx.accountCommands.requests.observedAll()]);
    return accounts.map((a) => ({ ...publicAccount(a), ...(observed.has(a.id) ? { observed: observed.get(a.id) } : {}) }));
  }

  /** Adds an account, or replaces the one with the same id. */
  @Post()
  @SuccessResponse(201, 'Stored')
  @Response<ErrorView>(400, 'Invalid account')
  public async putAccount(@Body() body: AccountBody): Promise<AccountView> {
    assertRedisReady(this.ctx);
    const parsed = accountInputSchema.safeParse(body);
    if (!parsed.success) {
      throw new AppError('VALIDATION_ERROR', parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
    }
    this.setStatus(201);
    return publicAccount(await this.ctx.accounts.put(parsed.data));
  }

  /** Stops scheduling tasks on the account (running ones finish). */
  @Post('{id}/disable')
  @Response<ErrorView>(404, 'No such account')
  public async disableAccount(@Path() id: string, @Body() body?: DisableBody): Promise<AccountView> {
    assertRedisReady(this.ctx);
    return publicAccount(found(id, await this.ctx.accounts.disable(id, body?.reason ?? 'disabled by an admin')));
  }

  @Post('{id}/enable')
  @Response<ErrorView>(404, 'No such account')
  public async enableAccount(@Path() id: string): Promise<AccountView> {
    assertRedisReady(this.ctx);
    return publicAccount(found(id, await this.ctx.accounts.enable(id)));
  }
}

function found<T>(id: string, value: T | undefined): T {
  if (!value) throw new AppError('NOT_FOUND', `No account ${id}`);
  return value;
}
