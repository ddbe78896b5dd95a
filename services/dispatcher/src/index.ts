export { start, type DispatcherOptions, type DispatcherService } from './service.js';
