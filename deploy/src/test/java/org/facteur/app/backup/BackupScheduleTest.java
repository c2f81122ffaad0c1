package org.facteur.app.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

import org.junit.jupiter.api.Test;

class BackupScheduleTest {
    private static final ZoneId BRUSSELS = ZoneId.of("Europe/Brussels");

    @Test
    void timesOfDayAreParsedSortedAndDeduplicated() {
        assertThat(BackupSchedule.parse(" 15:30, 3:30 ,03:30").times())
                .containsExactly(LocalTime.of(3, 30), LocalTime.of(15, 30));
        assertThat(BackupSchedule.parse("23:59:30").times()).containsExactly(LocalTime.of(23, 59, 30));
        assertThat(BackupSchedule.parse("").never()).isTrue();
        assertThat(BackupSchedule.parse(null).never()).isTrue();
    }

    @Test
    void aWrongTimeIsRefusedWithASentence() {
        for (String wrong : new String[] {"25:00", "3h30", "daily", "03:30,,15:30", "12:60"}) {
            assertThatThrownBy(() -> BackupSchedule.parse(wrong)).as(wrong)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("FACTEUR_BACKUP_SCHEDULE has '")
                    .hasMessageEndingWith("it takes times of day such as 03:30, separated by commas.");
        }
    }

    @Test
    void nextRunIsTheFirstTimeStrictlyAfterNowTomorrowWhenTodaysHavePassed() {
        BackupSchedule schedule = BackupSchedule.parse("03:30,15:30");
        ZonedDateTime morning = ZonedDateTime.of(2026, 12, 2, 9, 0, 0, 0, BRUSSELS);

        assertThat(schedule.nextAfter(morning)).hasValue(morning.withHour(15).withMinute(30));
        assertThat(schedule.nextAfter(morning.withHour(15).withMinute(30))).hasValue(
                ZonedDateTime.of(2026, 12, 3, 3, 30, 0, 0, BRUSSELS));
        assertThat(schedule.delayAfter(morning.withHour(23))).hasValue(Duration.ofHours(4).plusMinutes(30));
        assertThat(BackupSchedule.NEVER.nextAfter(morning)).isEmpty();
    }

    @Test
    void theNightClocksGoBackStillHasOneRun() {
        // 2026-10-25 in Brussels: 03:00 CEST becomes 02:00 CET; 02:30 exists twice, the schedule takes the first.
        ZonedDateTime evening = ZonedDateTime.of(2026, 10, 24, 22, 0, 0, 0, BRUSSELS);
        ZonedDateTime next = BackupSchedule.parse("02:30").nextAfter(evening).orElseThrow();
        assertThat(next.toLocalDate().getDayOfMonth()).isEqualTo(25);
        assertThat(next.toLocalTime()).isEqualTo(LocalTime.of(2, 30));
    }
}
