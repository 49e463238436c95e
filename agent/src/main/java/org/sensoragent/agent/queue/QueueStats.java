package org.sensoragent.agent.queue;

import java.util.Optional;
import org.sensoragent.agent.Reading;

/**
 * What the queue holds, for the {@code queue} command and the periodic summary line.
 *
 * @param depth readings stored and not yet acknowledged, including those held back; read from
 *     another process it also counts readings the running agent has acknowledged but not yet
 *     deleted (at most a few hundred)
 * @param oldest the oldest of those, if any (its time is stale if its clock was not trusted)
 * @param dropped readings dropped because the queue was full, since the file was created
 * @param undatable readings of earlier boots taken before the clock was trusted: never sent
 * @param waitingForClock readings of this boot taken before the clock was trusted: sent once it is
 * @param bytesOnDisk size of the database and its write-ahead log
 */
public record QueueStats(
    long depth, Optional<Reading> oldest, long dropped, long undatable, long waitingForClock, long bytesOnDisk) {}
