package cn.zwgk.consolidator.template;

/** The job names a template that does not exist: a configuration error, not a crash. */
public class UnknownTemplateException extends RuntimeException {

    public UnknownTemplateException(String message) {
        super(message);
    }
}
