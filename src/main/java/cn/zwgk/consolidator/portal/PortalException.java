package cn.zwgk.consolidator.portal;

/** A request the portal refuses, with the HTTP status and the Chinese message to show. */
public class PortalException extends RuntimeException {

    private final int status;

    public PortalException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }

    public static PortalException notFound(String message) {
        return new PortalException(404, message);
    }

    public static PortalException forbidden() {
        return new PortalException(403, "无权查看或修改其他单位的报送 (forbidden: another unit's data)");
    }

    public static PortalException tooLarge(long most) {
        return new PortalException(413, "文件超过大小上限 " + most + " 字节（" + (most / 1024) + " KiB），未保存；"
                + "一份完整的报表通常不足 10 KB，请检查是否选错了文件 (file too large)");
    }
}
