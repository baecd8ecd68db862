package cn.zwgk.consolidator.common;

/** A problem with the office's own setup (job file, registry): the run stops before reading any submission. */
public class ConfigurationException extends RuntimeException {

    public ConfigurationException(String message) {
        super(message);
    }
}
