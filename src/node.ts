/**
 * imbalanced-tabular/node — Node-only helpers (files on disk). Never imported by the core entry,
 * so browser bundles stay free of Node built-ins.
 *
 * @packageDocumentation
 */
export {};
