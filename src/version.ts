// The package version, put in by the build (esbuild `define`) and by vitest's config.
declare const FCINVOKE_VERSION: string;

export const VERSION: string = typeof FCINVOKE_VERSION === 'string' ? FCINVOKE_VERSION : '0.0.0-dev';
