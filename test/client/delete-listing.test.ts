import { DeleteListing, SharedDeleteListing } from "../../provider/client/delete-listing";
import { buildTree } from "../../provider/client/tree";

/** A clock whose timers fire only when the test moves time on. */
class ManualTimers {
  time = 0;
  private timers: Array<{ at: number; fn: () => void; live: boolean }> = [];
  now = () => this.time;
  schedule = (fn: () => void, ms: number) => {
    const timer = { at: this.time + ms, fn, live: true };
    this.timers.push(timer);
    return () => (timer.live = false);
  };
  advance(ms: number): void {
    const until = this.time + ms;
    for (;;) {
      const due = this.timers.filter((t) => t.live && t.at <= until).sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      due.live = false;
      this.time = due.at;
      due.fn();
    }
    this.time = until;
  }
}

const flush = () => new Promise((resolve) => setImmediate(resolve));

function setup() {
  const timers = new ManualTimers();
  const lists: Array<{ at: number; answer: (l: DeleteListing) => void; fail: (e: Error) => void }> = [];
  const shared = new SharedDeleteListing({
    now: timers.now,
    schedule: timers.schedule,
    settleMs: 25,
    maxWaitMs: 1000,
    waitPerDeleteMs: 150,
    list: () => new Promise<DeleteListing>((answer, fail) => lists.push({ at: timers.time, answer, fail })),
  });
  const listing: DeleteListing = { tree: buildTree([]), devices: [] };
  return { timers, lists, shared, listing };
}

describe("SharedDeleteListing", () => {
  it("gives deletes that join together one listing, started after the last of them joined", async () => {
    const { timers, lists, shared, listing } = setup();
    const first = shared.join();
    timers.advance(10);
    const second = shared.join();
    timers.advance(24);
    expect(lists).toHaveLength(0); // 25 ms quiet after the last join not over yet
    timers.advance(1);
    expect(lists.map((l) => l.at)).toEqual([35]);
    lists[0].answer(listing);
    const checks = await Promise.all([first, second]);
    expect(checks.map((c) => [c.wave, c.sharedBy, c.joinedAt, c.listedAt])).toEqual([
      [1, 2, 0, 35],
      [1, 2, 10, 35],
    ]);
  });

  it("lets deletes that join while a wave is deleting wait for the next wave, which serves them all", async () => {
    const { timers, lists, shared, listing } = setup();
    const a = shared.join();
    timers.advance(25);
    lists[0].answer(listing);
    const checkA = await a;
    const b = shared.join(); // A is still deleting: B must not reuse A's listing, and waits
    timers.advance(100);
    const c = shared.join();
    timers.advance(100);
    expect(lists).toHaveLength(1);
    checkA.done();
    timers.advance(25);
    expect(lists).toHaveLength(2);
    expect(lists[1].at).toBeGreaterThan(timers.time - 26);
    lists[1].answer(listing);
    const [checkB, checkC] = await Promise.all([b, c]);
    expect([checkB.wave, checkC.wave, checkB.sharedBy]).toEqual([2, 2, 2]);
    expect(checkB.listedAt).toBeGreaterThanOrEqual(checkC.joinedAt);
  });

  it("does not wait longer than maxWaitMs for deletes still running", async () => {
    const { timers, lists, shared, listing } = setup();
    const a = shared.join();
    timers.advance(25);
    lists[0].answer(listing);
    await a; // never done: its DELETE may be pending for minutes
    const b = shared.join();
    timers.advance(999);
    expect(lists).toHaveLength(1);
    timers.advance(1);
    expect(lists).toHaveLength(2);
    lists[1].answer(listing);
    expect((await b).wave).toBe(2);
  });

  it("shares a failed listing's error with its wave, and the next delete lists again", async () => {
    const { timers, lists, shared, listing } = setup();
    const a = shared.join();
    const b = shared.join();
    timers.advance(25);
    lists[0].fail(new Error("503"));
    await expect(a).rejects.toThrow("503");
    await expect(b).rejects.toThrow("503");
    const c = shared.join();
    timers.advance(25);
    await flush();
    expect(lists).toHaveLength(2);
    lists[1].answer(listing);
    expect((await c).wave).toBe(2);
  });

  it("never hands a delete a listing that started before it joined", async () => {
    const { timers, lists, shared, listing } = setup();
    const joins: Array<Promise<{ joinedAt: number; listedAt: number }>> = [];
    for (let i = 0; i < 30; i++) {
      joins.push(shared.join().then((check) => (check.done(), check)));
      timers.advance(7 + (i % 5) * 11);
      for (const l of lists.splice(0)) l.answer(listing);
      await flush();
    }
    timers.advance(2000);
    for (const l of lists.splice(0)) l.answer(listing);
    for (const check of await Promise.all(joins))
      expect(check.listedAt).toBeGreaterThanOrEqual(check.joinedAt);
  });

  it("starts a wave at once when as many deletes wait as ever ran at once", async () => {
    const { timers, lists, shared, listing } = setup();
    const firstWave = [shared.join(), shared.join(), shared.join()];
    timers.advance(25);
    lists[0].answer(listing);
    const checks = await Promise.all(firstWave);
    const next = [shared.join(), shared.join()];
    checks.forEach((c) => c.done());
    expect(lists).toHaveLength(1); // two wait, three ran at once: a third may still come
    next.push(shared.join());
    expect(lists).toHaveLength(2); // all three are in: no need to wait for quiet
    lists[1].answer(listing);
    expect((await Promise.all(next)).map((c) => c.sharedBy)).toEqual([3, 3, 3]);
  });

  it("waits settleMs after the last delete ended, so the delete the engine starts next can join", async () => {
    const { timers, lists, shared, listing } = setup();
    const first = [shared.join(), shared.join()];
    timers.advance(25);
    lists[0].answer(listing);
    const [a, b] = await Promise.all(first);
    const c = shared.join();
    a.done();
    timers.advance(200);
    b.done(); // c joined 200 ms ago, but b's replacement is still on its way
    timers.advance(24);
    expect(lists).toHaveLength(1);
    const d = shared.join();
    expect(lists).toHaveLength(2); // c and d: as many as ran at once
    lists[1].answer(listing);
    expect((await Promise.all([c, d])).map((x) => x.sharedBy)).toEqual([2, 2]);
  });

  it("with many deletes at once, waits for the previous wave longer: waitPerDeleteMs for each", async () => {
    const { timers, lists, shared, listing } = setup();
    // 40 ran at once (a large --parallel): 40 × 150 ms = 6 s, longer than maxWaitMs (1 s).
    const firstWave = Array.from({ length: 40 }, () => shared.join());
    timers.advance(25);
    lists[0].answer(listing);
    const checks = await Promise.all(firstWave);
    checks[0].done(); // the first delete ended; the engine starts the next, which joins
    const next = [shared.join()];
    timers.advance(1000);
    expect(lists).toHaveLength(1); // maxWaitMs is over, but 39 of the 40 are still deleting
    for (const c of checks.slice(1)) {
      c.done();
      next.push(shared.join());
    }
    expect(lists).toHaveLength(2); // every delete is in: one listing for all 40
    lists[1].answer(listing);
    expect((await Promise.all(next)).map((c) => c.sharedBy)).toEqual(new Array(40).fill(40));
  });

  it("with many deletes at once, still starts once the longer wait is over", async () => {
    const { timers, lists, shared, listing } = setup();
    const firstWave = Array.from({ length: 40 }, () => shared.join());
    timers.advance(25);
    lists[0].answer(listing);
    await Promise.all(firstWave); // none ends: pending for minutes
    const late = shared.join();
    timers.advance(40 * 150 - 1);
    expect(lists).toHaveLength(1);
    timers.advance(1);
    expect(lists).toHaveLength(2);
    lists[1].answer(listing);
    expect((await late).wave).toBe(2);
  });
});
