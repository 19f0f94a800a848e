/** Folders of the respmatrix package itself (works from src/ under tsx/vitest and from lib/). */
import { fileURLToPath } from 'node:url';
import path from 'node:path';

/** The package root: this file lives in <root>/src/render or <root>/lib/render. */
export const packageRoot = path.resolve(fileURLToPath(new URL('.', import.meta.url)), '..', '..');
export const templatesDir = path.join(packageRoot, 'templates');
export const publicDir = path.join(packageRoot, 'public');
export const clientEntry = path.join(packageRoot, 'src', 'client', 'main.ts');
export const viteConfigFile = path.join(packageRoot, 'vite.config.ts');
