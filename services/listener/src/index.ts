export { start, type ListenerService, type ListenerOptions } from './service.js';
