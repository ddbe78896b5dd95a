import { Body, Controller, Get, Patch, Put, Response, Route, Security, Tags } from '@tsoa/runtime';
import type { BannedWordList, BannedWordsEdit, BannedWordsReplace } from '../admin-dto.js';
import type { RequestContext } from '../context.js';
import type { ErrorView } from '../dto.js';
import { assertRedisReady } from '../storage-guard.js';

/** The banned-word list checked before a prompt is queued; every replica reloads it within a second. */
@Route('admin/banned-words')
@Tags('Admin')
@Security('admin')
@Response<ErrorView>(401, 'Missing or invalid admin key')
@Response<ErrorView>(403, 'Admin API disabled (no ADMIN_KEYS)')
export class BannedWordController extends Controller {
  constructor(private readonly ctx: RequestContext) {
    super();
  }

  @Get()
  public async getBannedWords(): Promise<BannedWordList> {
    assertRedisReady(this.ctx);
    return this.ctx.bannedWords.list();
  }

  /** Replaces the whole list (words or multi-word phrases). */
  @Put()
  public async replaceBannedWords(@Body() body: BannedWordsReplace): Promise<BannedWordList> {
    assertRedisReady(this.ctx);
    await this.ctx.bannedWords.replace(body.words);
    return this.ctx.bannedWords.list();
  }

  @Patch()
  public async editBannedWords(@Body() body: BannedWordsEdit): Promise<BannedWordList> {
    assertRedisReady(this.ctx);
    await this.ctx.bannedWords.edit(body.add ?? [], body.remove ?? []);
    return this.ctx.bannedWords.list();
  }
}
