// Renders the portal's icons from public/icon.svg with Chromium: favicon.ico (16, 32 and 48 px PNGs
// in an ICO container), apple-touch-icon.png (180 px) and the web manifest's icon-192/512.png.
// Run after changing the SVG: `node scripts/icons.mjs` (uses CHROMIUM_PATH or /usr/bin/chromium).
import { readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'

import { chromium } from '@playwright/test'

const root = path.resolve(import.meta.dirname, '..')
const publicDir = path.join(root, 'public')
const svg = readFileSync(path.join(publicDir, 'icon.svg'), 'utf8')

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu'],
})

/** The SVG drawn at `size` × `size` CSS px, as PNG bytes with a transparent background. */
async function render(size, { fullBleed = false } = {}) {
  const page = await browser.newPage({ viewport: { width: size, height: size }, deviceScaleFactor: 1 })
  // iOS rounds the corners of a home-screen icon itself and fills transparent ones with black.
  const source = fullBleed ? svg.replace(/rx="\d+"/, 'rx="0"') : svg
  const src = `data:image/svg+xml;base64,${Buffer.from(source).toString('base64')}`
  await page.setContent(`<style>html,body{margin:0;background:transparent}</style><img src="${src}" width="${size}" height="${size}">`)
  await page.locator('img').evaluate((img) => img.decode())
  const png = await page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } })
  await page.close()
  return png
}

/** An ICO file holding PNG images (supported by every current browser). */
function ico(images) {
  const header = Buffer.alloc(6 + 16 * images.length)
  header.writeUInt16LE(0, 0)
  header.writeUInt16LE(1, 2) // 1 = icon
  header.writeUInt16LE(images.length, 4)
  let offset = header.length
  images.forEach(({ size, png }, i) => {
    const entry = 6 + 16 * i
    header.writeUInt8(size >= 256 ? 0 : size, entry)
    header.writeUInt8(size >= 256 ? 0 : size, entry + 1)
    header.writeUInt16LE(1, entry + 4) // colour planes
    header.writeUInt16LE(32, entry + 6) // bits per pixel
    header.writeUInt32LE(png.length, entry + 8)
    header.writeUInt32LE(offset, entry + 12)
    offset += png.length
  })
  return Buffer.concat([header, ...images.map((i) => i.png)])
}

try {
  const small = await Promise.all([16, 32, 48].map(async (size) => ({ size, png: await render(size) })))
  writeFileSync(path.join(publicDir, 'favicon.ico'), ico(small))
  writeFileSync(path.join(publicDir, 'apple-touch-icon.png'), await render(180, { fullBleed: true }))
  writeFileSync(path.join(publicDir, 'icon-192.png'), await render(192))
  writeFileSync(path.join(publicDir, 'icon-512.png'), await render(512))
  console.log('Wrote favicon.ico, apple-touch-icon.png, icon-192.png and icon-512.png to public/.')
} finally {
  await browser.close()
}
