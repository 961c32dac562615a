import 'server-only'

import { z } from 'zod'

/*
 * lib/domain and lib/queries are written with zod/mini so the browser does not load classic zod.
 * zod/mini brings no messages of its own: an issue without a custom message reads "Invalid input".
 * Server code that shows issue messages (invalid API input) imports this module, so they read as
 * they always did ("Too big: expected string to have <=255 characters"). The setting is global and
 * shared by classic and mini schemas. The browser only ever shows messages a schema spells out.
 */
z.config(z.locales.en())
