import type { Metadata, Viewport } from 'next'
import type { ReactNode } from 'react'

import { Providers } from './providers'

import './globals.css'

export const metadata: Metadata = {
  title: { default: 'AppFactory Portal', template: '%s · AppFactory Portal' },
  description: 'State of the AppFactory service on AWS: App Runner, ECR images, RDS, CloudWatch.',
  // Files in public/ (icon.svg is the source; `node scripts/icons.mjs` renders the others from it).
  icons: {
    icon: [
      { url: '/favicon.ico', sizes: '16x16 32x32 48x48' },
      { url: '/icon.svg', type: 'image/svg+xml' },
    ],
    apple: '/apple-touch-icon.png',
  },
  // .json rather than .webmanifest: the proxy lets files with a short extension through unauthenticated.
  manifest: '/manifest.json',
}

export const viewport: Viewport = {
  colorScheme: 'light dark',
  themeColor: [
    { media: '(prefers-color-scheme: light)', color: '#ffffff' },
    { media: '(prefers-color-scheme: dark)', color: '#1a1d24' },
  ],
  // The on-screen keyboard shrinks the layout, so a dialog's typed confirmation and its buttons stay above it.
  interactiveWidget: 'resizes-content',
}

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-dvh font-sans antialiased">
        <Providers>{children}</Providers>
      </body>
    </html>
  )
}
