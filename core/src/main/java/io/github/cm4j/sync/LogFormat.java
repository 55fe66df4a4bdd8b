package io.github.cm4j.sync;

/** The line formats of ConfigMgr log files. */
public enum LogFormat {
    /**
     * Site-server component logs written by SMS_EXECUTIVE threads (wsyncmgr.log, WCM.log, ...):
     * {@code message  $$<COMPONENT><MM-DD-YYYY HH:MM:SS.mmm+bias><thread=N (0xHEX)>}.
     */
    SITE_SERVER,
    /**
     * CMTrace format of client and setup logs:
     * {@code <![LOG[message]LOG]!><time="HH:MM:SS.mmm+bias" date="MM-DD-YYYY" component="..." context="" type="1" thread="N" file="...">}.
     */
    CMTRACE,
    /** A line in neither format (setup logs, banners); its text is kept as the message. */
    PLAIN
}
