"use client";
import "./globals.css";

export default function GlobalError({ error }: { error: Error & { digest?: string } }) {
  return (
    <html lang="en">
      <body>
        <main id="main-content" className="govuk-width-container govuk-main-wrapper">
          <title>Sorry, there is a problem with the service – Money Hub</title>
          <h1>Sorry, there is a problem with the service</h1>
          <p>Try again later. Anything you had already saved has been kept.</p>
          {error.digest ? <p>Reference: {error.digest}</p> : null}
        </main>
      </body>
    </html>
  );
}
