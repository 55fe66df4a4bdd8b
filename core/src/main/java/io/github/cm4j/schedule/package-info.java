/**
 * ConfigMgr schedule tokens ({@code SMS_ScheduleToken} and its {@code SMS_ST_*} kinds): typed values, the
 * 16-hex-digit codec of {@code SMS_ScheduleMethods}, and the next occurrences of a schedule.
 */
package io.github.cm4j.schedule;
