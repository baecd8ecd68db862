package cn.zwgk.consolidator.portal;

import org.springframework.security.core.Authentication;

import cn.zwgk.consolidator.registry.Unit;

/** Who may reach what: the office everything, a unit only its own data. Unknown job or unit: 404. */
final class Access {

    private Access() {
    }

    static boolean isOffice(Authentication user) {
        return user.getAuthorities().stream().anyMatch(a -> a.getAuthority().equals("ROLE_" + PortalUsers.OFFICE_ROLE));
    }

    static PortalJob job(PortalJob.Catalog catalog, String name) {
        PortalJob job = catalog.find(name);
        if (job == null) {
            throw PortalException.notFound("没有名为“" + name + "”的汇总任务 (unknown job)");
        }
        return job;
    }

    /** The unit, when the user is the office or that unit. */
    static Unit unit(PortalJob job, String code, Authentication user) {
        if (!isOffice(user) && !user.getName().equals(code)) {
            throw PortalException.forbidden();
        }
        Unit unit = job.registry().find(code);
        if (unit == null) {
            throw PortalException.notFound("任务 " + job.name() + " 的单位名录中没有代码为“" + code + "”的单位 (unknown unit)");
        }
        return unit;
    }

    static void requireOffice(Authentication user) {
        if (!isOffice(user)) {
            throw new PortalException(403, "只有政务公开办可以查看或操作 (office only)");
        }
    }
}
