import { Body, Controller, Get, Path, Post, Response, Route, Security, SuccessResponse, Tags } from '@tsoa/runtime';
import { AppError, createApiKeyRequestSchema, type ApiKeyRecord } from '@mjq/common';
import type { RequestContext } from '../context.js';
import type { ErrorView } from '../dto.js';
import { parseRequest } from '../request-validation.js';
import { assertRedisReady, withStorage } from '../storage-guard.js';

/** Per-key limits; absent = unlimited. */
export interface ApiKeyLimitsView {
  /** Requests per second (429 with Retry-After past it). @isInt @minimum 1 */
  rps?: number;
  /** Tasks not finished yet at once. @isInt @minimum 1 */
  concurrent?: number;
  /** Tasks created per UTC day. @isInt @minimum 1 */
  daily?: number;
}

export interface CreateApiKeyBody {
  /** @example "acme relay" */
  name: string;
  limits?: ApiKeyLimitsView;
}

/** A key as listed: never the key itself. */
export interface ApiKeyView {
  /** The owner id its tasks carry (`owner`). */
  id: string;
  name: string;
  limits: ApiKeyLimitsView;
  createdAt: number;
  revokedAt?: number;
}

export interface CreatedApiKeyView extends ApiKeyView {
  /** The key: shown this once, stored only as its sha256. */
  key: string;
}

const view = ({ sha256: _hash, ...rest }: ApiKeyRecord): ApiKeyView => rest;

/** API keys (tenants): each key's tasks are its own; limits per key. Besides API_KEYS. */
@Route('admin/api-keys')
@Tags('Admin')
@Security('admin')
@Response<ErrorView>(401, 'Missing or invalid admin key')
@Response<ErrorView>(403, 'Admin API disabled (no ADMIN_KEYS)')
export class ApiKeyController extends Controller {
  constructor(private readonly ctx: RequestContext) {
    super();
  }

  /** Creates a key; the answer is the only time the key is shown. */
  @Post()
  @SuccessResponse(201, 'Created')
  @Response<ErrorView>(400, 'VALIDATION_ERROR')
  public async createKey(@Body() body: CreateApiKeyBody): Promise<CreatedApiKeyView> {
    const req = parseRequest(createApiKeyRequestSchema, body);
    assertRedisReady(this.ctx);
    const { record, key } = await withStorage(this.ctx, () => this.ctx.apiKeys.create(req.name, req.limits));
    this.ctx.log.info({ keyId: record.id, name: record.name }, 'api key created');
    this.setStatus(201);
    return { ...view(record), key };
  }

  @Get()
  public async listKeys(): Promise<ApiKeyView[]> {
    assertRedisReady(this.ctx);
    return (await withStorage(this.ctx, () => this.ctx.apiKeys.list())).map(view);
  }

  /** Revokes a key at once (every replica); its tasks keep running and stay its own. */
  @Post('{id}/revoke')
  @Response<ErrorView>(404, 'NOT_FOUND')
  public async revokeKey(@Path() id: string): Promise<ApiKeyView> {
    assertRedisReady(this.ctx);
    const revoked = await withStorage(this.ctx, () => this.ctx.apiKeys.revoke(id));
    if (!revoked) throw new AppError('NOT_FOUND', `No API key ${id}`);
    this.ctx.log.info({ keyId: id }, 'api key revoked');
    return view(revoked);
  }
}
