// I/O Runtime entry point: the Admin UI SDK registration (commerce/backend-ui/1).
export { registrationAction as main } from '../actions/registration.js';
