// The bench's SMTP server on a thread of its own: a real server is another process, and on the
// bench's main thread its replies would wait behind the 16 writers' work (measured: ~45 ms a
// message while they write), which is the bench measuring itself rather than the worker.
// Each accepted message is stamped on this thread and posted to the main one in batches.
import { parentPort, Worker } from "node:worker_threads";
import { startSmtpSink } from "../../tests/support/smtp-sink";

export type TAccepted = { messageId: string; at: number };

if (parentPort) {
  const port = parentPort;
  const sink = await startSmtpSink();
  let posted = 0;
  const flush = () => {
    if (sink.received.length > posted) port.postMessage({ accepted: sink.received.slice(posted).map((m) => ({ messageId: m.messageId, at: m.at })) });
    posted = sink.received.length;
  };
  const timer = setInterval(flush, 10);
  port.on("message", async (m: string) => {
    if (m !== "close") return;
    clearInterval(timer);
    flush();
    await sink.close();
    port.postMessage({ closed: true });
  });
  port.postMessage({ url: sink.url });
}

/** Starts the server thread; `received` fills as messages are accepted (in order of acceptance). */
export async function startSmtpSinkThread() {
  const worker = new Worker(new URL(import.meta.url));
  const received: TAccepted[] = [];
  let onClosed = () => {};
  const url = await new Promise<string>((resolve, reject) => {
    worker.once("error", reject);
    worker.on("message", (m: { url?: string; accepted?: TAccepted[]; closed?: boolean }) => {
      if (m.url) resolve(m.url);
      if (m.accepted) received.push(...m.accepted);
      if (m.closed) onClosed();
    });
  });
  return {
    url,
    received,
    close: async () => {
      await new Promise<void>((resolve) => {
        onClosed = resolve;
        worker.postMessage("close");
      });
      await worker.terminate();
    },
  };
}
