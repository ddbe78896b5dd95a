export { start, type ApiService } from './service.js';
