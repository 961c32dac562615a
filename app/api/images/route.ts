import { appError } from '@/lib/domain/errors'
import { jsonError, jsonResult } from '@/lib/http'
import { getImagesPage } from '@/lib/dal/images'
import { imagesInputSchema } from '@/lib/domain/image'

/** One page of images, newest first: `?cursor=<nextCursor>&pageSize=<1-500>`. */
export async function GET(request: Request) {
  const params = new URL(request.url).searchParams
  const input = imagesInputSchema.safeParse({ cursor: params.get('cursor') || undefined, pageSize: params.get('pageSize') || undefined })
  if (!input.success)
    return jsonError(
      appError('invalid_input', 'Invalid images query.', { hint: 'Use ?cursor=<nextCursor from the previous page>&pageSize=1..500.' }),
    )
  return jsonResult(await getImagesPage(input.data))
}
