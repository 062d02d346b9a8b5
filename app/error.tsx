"use client";

// Shown when something fails on the server. Never shows the error itself: internal messages and
// stack traces stay in the server log (digest links the two).
export default function ErrorPage({ error }: { error: Error & { digest?: string } }) {
  return (
    <main id="main-content" className="govuk-width-container govuk-main-wrapper">
      <title>Sorry, there is a problem with the service – Money Hub</title>
      <h1>Sorry, there is a problem with the service</h1>
      <p>Try again later. Anything you had already saved has been kept.</p>
      {error.digest ? <p className="govuk-body-s text-govuk-secondary">Reference: {error.digest}</p> : null}
    </main>
  );
}
