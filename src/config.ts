/**
 * Configuration (README, "Configuration"). The pieces live in `config/`; this module is the
 * one other code imports.
 */
export { type Config, DEFAULT_CONFIG } from './config/defaults.js';
export { type LoadConfigOptions, type LoadedConfig, loadConfig } from './config/load.js';
export { type ConfigOrigin, type ConfigValidation, validateConfig } from './config/validate.js';
