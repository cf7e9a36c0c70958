package io.netinsights.js;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The jobs of one script instance: tag, schedule, run limit, run count and next fire time. It does
 * not keep time itself: the caller (a Flink operator's timers, or a test) says when time has come,
 * so jobs run in event time on a replay and in processing time when live.
 */
public final class JobScheduler {

    /** One scheduled job. */
    public static final class Job {
        final String tag;
        final CronSchedule schedule;
        final long limit;
        long runs;
        long nextFire;

        Job(String tag, CronSchedule schedule, long limit, long nextFire) {
            this.tag = tag;
            this.schedule = schedule;
            this.limit = limit;
            this.nextFire = nextFire;
        }

        public String tag() {
            return tag;
        }

        public String cron() {
            return schedule.expression();
        }

        public long limit() {
            return limit;
        }

        public long runs() {
            return runs;
        }

        public long nextFire() {
            return nextFire;
        }
    }

    private final Map<String, Job> jobs = new LinkedHashMap<>();
    private boolean running = true;
    private long version;

    /** Changes whenever a fire time may have changed, so callers re-sync timers only then. */
    public long version() {
        return version;
    }

    /** Registers (or replaces) a job; its first run is the first cron time after {@code now}. */
    public Job schedule(String tag, String cron, long limit, long now) {
        if (tag == null || tag.isEmpty()) {
            throw new IllegalArgumentException("job tag must be a non-empty string");
        }
        if (limit < 0) {
            throw new IllegalArgumentException("job limit must be >= 0, got " + limit);
        }
        CronSchedule schedule = CronSchedule.parse(cron);
        Job job = new Job(tag, schedule, limit, schedule.next(now));
        jobs.put(tag, job);
        version++;
        return job;
    }

    public boolean remove(String tag) {
        version++;
        return jobs.remove(tag) != null;
    }

    public void removeAll() {
        jobs.clear();
        version++;
    }

    public Job get(String tag) {
        return jobs.get(tag);
    }

    public List<String> tags() {
        return new ArrayList<>(jobs.keySet());
    }

    public List<Job> jobs() {
        return new ArrayList<>(jobs.values());
    }

    public boolean isRunning() {
        return running;
    }

    public void setRunning(boolean running) {
        this.running = running;
        version++;
    }

    /** Distinct future fire times of all jobs, for the caller to register timers at. */
    public TreeSet<Long> fireTimes() {
        TreeSet<Long> out = new TreeSet<>();
        for (Job j : jobs.values()) {
            if (j.nextFire >= 0) {
                out.add(j.nextFire);
            }
        }
        return out;
    }

    /** The jobs due at {@code time}, in registration order. */
    public List<Job> due(long time) {
        List<Job> out = new ArrayList<>();
        for (Job j : jobs.values()) {
            if (j.nextFire >= 0 && j.nextFire <= time) {
                out.add(j);
            }
        }
        return out;
    }

    /**
     * Books a run that fired at {@code time}: counts it, removes the job when its limit is reached,
     * else moves its next fire time past {@code time}.
     */
    public void completed(Job job, long time) {
        job.runs++;
        version++;
        if (job.limit > 0 && job.runs >= job.limit) {
            jobs.remove(job.tag, job);
        } else {
            job.nextFire = job.schedule.next(time);
        }
    }

    /** Keeps the job but never fires it again (its last run was at the end of input). */
    public void retire(Job job) {
        job.nextFire = -1;
        version++;
    }

    /** Restores run count and next fire time of a job re-registered by the script's top level. */
    public void restore(String tag, long runs, long nextFire) {
        Job j = jobs.get(tag);
        version++;
        if (j != null) {
            j.runs = runs;
            j.nextFire = nextFire;
            if (j.limit > 0 && j.runs >= j.limit) {
                jobs.remove(tag);
            }
        }
    }
}
