import { Body, Controller, Path, Post, Put, Response, Route, Security, Tags } from '@tsoa/runtime';
import { AppError, publicAccount, TASK_MODES } from '@mjq/common';
import type { AccountInfoView, AccountSettingsView, ModeBody, SettingsBody } from '../account-command-dto.js';
import type { AccountView } from '../admin-dto.js';
import type { RequestContext } from '../context.js';
import type { ErrorView } from '../dto.js';
import { assertRedisReady } from '../storage-guard.js';

/**
 * Midjourney's account commands, sent through the account (its session, its pacing; no job
 * slot) and answered once Midjourney has: /info, the job mode (/fast, /relax, /turbo), /settings.
 */
@Route('admin/accounts')
@Tags('Admin')
@Security('admin')
@Response<ErrorView>(401, 'Missing or invalid admin key')
@Response<ErrorView>(403, 'Admin API disabled (no ADMIN_KEYS)')
@Response<ErrorView>(404, 'No such account')
@Response<ErrorView>(502, 'MJ_REFUSED: Midjourney or Discord refused the command')
@Response<ErrorView>(503, 'SERVICE_UNAVAILABLE: the account has no live gateway session')
@Response<ErrorView>(504, 'MJ_TIMEOUT: Midjourney did not answer in time (ACCOUNT_COMMAND_TIMEOUT_MS)')
export class AccountCommandController extends Controller {
  constructor(private readonly ctx: RequestContext) {
    super();
  }

  /** Reads the account's /info now; it is also kept for the account listing. */
  @Post('{id}/info')
  public async readAccountInfo(@Path() id: string): Promise<AccountInfoView> {
    assertRedisReady(this.ctx);
    return this.ctx.accountCommands.info(id);
  }

  /** Switches the account's job mode on Midjourney (/fast, /relax, /turbo) and the tasks it takes. */
  @Put('{id}/mode')
  @Response<ErrorView>(400, 'Invalid mode')
  public async setAccountMode(@Path() id: string, @Body() body: ModeBody): Promise<AccountView> {
    return this.mode(id, body);
  }

  /** The same as PUT. */
  @Post('{id}/mode')
  @Response<ErrorView>(400, 'Invalid mode')
  public async postAccountMode(@Path() id: string, @Body() body: ModeBody): Promise<AccountView> {
    return this.mode(id, body);
  }

  /** Sets Remix and the default version through the /settings panel; answers the panel as it ends. */
  @Post('{id}/settings')
  @Response<ErrorView>(400, 'A version the panel does not offer')
  public async changeAccountSettings(@Path() id: string, @Body() body: SettingsBody): Promise<AccountSettingsView> {
    assertRedisReady(this.ctx);
    return this.ctx.accountCommands.settings(id, { remix: body.remix, version: body.version });
  }

  private async mode(id: string, body: ModeBody): Promise<AccountView> {
    assertRedisReady(this.ctx);
    if (!(TASK_MODES as readonly string[]).includes(body?.mode)) throw new AppError('VALIDATION_ERROR', `mode must be one of ${TASK_MODES.join(', ')}`);
    return publicAccount(await this.ctx.accountCommands.setMode(id, body.mode));
  }
}
