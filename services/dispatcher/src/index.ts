export { start, type DispatcherService } from './service.js';
