import type { Metadata } from 'next'
import Link from 'next/link'
import { connection } from 'next/server'

// Exception to the page import rule: this page explains the caller's own identity and role.
import { getActor, getSession } from '@/lib/auth/actor'
import { roleSchema } from '@/lib/domain/auth'

import { buttonClasses } from '@/components/ui/button'
import { Card, CardBody } from '@/components/ui/card'

export const metadata: Metadata = { title: 'No access' }

export default async function NoAccessPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await connection()
  const [params, actor, session] = await Promise.all([searchParams, getActor(), getSession()])
  const need = roleSchema.safeParse(params.need)
  const who = actor?.name ?? session?.userId

  return (
    <main className="mx-auto flex min-h-dvh max-w-md flex-col justify-center gap-4 px-4 py-10">
      <h1 className="text-xl font-semibold tracking-tight">No access</h1>
      <Card>
        <CardBody className="space-y-3 text-sm">
          {actor && need.success ? (
            <p>
              This page needs the <strong>{need.data}</strong> role. You are signed in as <strong>{actor.name}</strong> with the{' '}
              <strong>{actor.role}</strong> role.
            </p>
          ) : who ? (
            <p>
              You are signed in as <strong>{who}</strong>, but this portal has not given you a role, so you cannot see or change anything.
            </p>
          ) : (
            <p>The credentials sent with this request are not valid for this portal.</p>
          )}
          <p className="text-muted">
            Ask a portal administrator to add your email, your email domain, a group or your GitHub organisation or team to{' '}
            <code>PORTAL_ROLE_VIEWERS</code>, <code>PORTAL_ROLE_OPERATORS</code> or <code>PORTAL_ROLE_ADMINS</code>.
          </p>
          <div className="flex gap-2">
            {session ? (
              <form action="/auth/signout" method="post">
                <button type="submit" className={buttonClasses('secondary')}>
                  Sign out
                </button>
              </form>
            ) : (
              <Link href="/signin" className={buttonClasses('secondary')}>
                Sign in
              </Link>
            )}
            {actor ? (
              <Link href="/" className={buttonClasses('ghost')}>
                Back to the overview
              </Link>
            ) : null}
          </div>
        </CardBody>
      </Card>
    </main>
  )
}
