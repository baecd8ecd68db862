package cn.zwgk.consolidator.portal;

/** An exit status of SPEC section 6 in words, for the board. */
final class RunWords {

    private RunWords() {
    }

    static String of(int exit) {
        return switch (exit) {
            case 0 -> "汇总完成，所有单位均已接收（退出状态 0）";
            case 3 -> "汇总完成但不完整，合计只含已接收的单位（退出状态 3）";
            case 2 -> "配置错误，未运行（退出状态 2）";
            case 4 -> "同一任务的另一次运行正在进行，本次未运行（退出状态 4）";
            default -> "运行失败，输出保持上一次的结果（退出状态 " + exit + "）";
        };
    }
}
