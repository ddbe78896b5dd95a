export { start, type ApiOptions, type ApiService } from './service.js';
