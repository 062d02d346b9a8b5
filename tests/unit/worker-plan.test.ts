// lib/jobs knows no domain: each domain brings its jobs and lib/worker joins them into one plan.
import { describe, expect, it } from "vitest";
import { workerPlan } from "@/lib/jobs/worker";
import { notificationJobs } from "@/lib/notifications/tasks";

describe("the worker's plan", () => {
  const noop = async () => {};
  const reports = { tasks: { "reports:rollup": noop }, crontab: ["0 2 * * * reports:rollup"] };

  it("joins every domain's tasks, recurring jobs and start-up work", () => {
    const plan = workerPlan([notificationJobs, reports]);
    expect(Object.keys(plan.tasks).sort()).toEqual(["notifications:deliver", "notifications:receipt", "notifications:sweep", "reports:rollup"]);
    expect(plan.crontab).toEqual(["* * * * * notifications:sweep ?max=1", "0 2 * * * reports:rollup"]);
    expect(plan.onStart).toHaveLength(1);
  });

  it("refuses a task two domains both register", () => {
    expect(() => workerPlan([reports, { tasks: { "reports:rollup": noop } }])).toThrow("the task reports:rollup is registered twice");
  });
});
