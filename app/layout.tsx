import type { Metadata, Viewport } from 'next'
import type { ReactNode } from 'react'

import { Providers } from './providers'

import './globals.css'

export const metadata: Metadata = {
  title: { default: 'AppFactory Portal', template: '%s · AppFactory Portal' },
  description: 'State of the AppFactory service on AWS: App Runner, ECR images, RDS, CloudWatch.',
}

export const viewport: Viewport = {
  colorScheme: 'light dark',
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
