// esm_dirs.mjs - lets Node load dt-sql-parser, whose ES modules import folders and files without
// their `.js` (written for bundlers): a resolve hook retries such specifiers as Node spells them.
// Used as `node --import ./tests/sql/esm_dirs.mjs ...`.
import { register } from 'node:module';

const hook = `
export async function resolve(specifier, context, next) {
    try {
        return await next(specifier, context);
    } catch (e) {
        if (e.code === 'ERR_UNSUPPORTED_DIR_IMPORT') return next(specifier + '/index.js', context);
        if (e.code === 'ERR_MODULE_NOT_FOUND' && specifier.startsWith('.') && !specifier.endsWith('.js'))
            return next(specifier + '.js', context);
        throw e;
    }
}`;
register('data:text/javascript,' + encodeURIComponent(hook));
