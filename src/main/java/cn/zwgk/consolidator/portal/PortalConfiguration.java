package cn.zwgk.consolidator.portal;

import java.nio.file.Path;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

import cn.zwgk.consolidator.job.RunLedger;
import cn.zwgk.consolidator.job.ConsolidationLauncher;
import cn.zwgk.consolidator.job.ScheduleTicks;

/** The portal's parts; present only when {@code serve} starts a web application, never in a command-line run. */
@Configuration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class PortalConfiguration {

    @Bean
    AccountStore accountStore(JdbcTemplate jdbc) {
        return new AccountStore(jdbc);
    }

    @Bean
    AuditTrail auditTrail(JdbcTemplate jdbc) {
        return new AuditTrail(jdbc);
    }

    @Bean
    UploadHistory uploadHistory(JdbcTemplate jdbc) {
        return new UploadHistory(jdbc);
    }

    @Bean
    SubmissionsFolder submissionsFolder(@Value("${portal.store:data/portal-store}") Path store) {
        return new SubmissionsFolder(store);
    }

    @Bean
    PortalJob.Catalog catalog(PortalSetup setup) {
        return setup.catalog();
    }

    @Bean
    Explanations explanations(JdbcTemplate jdbc, org.springframework.transaction.PlatformTransactionManager transactions) {
        return new Explanations(jdbc, new org.springframework.transaction.support.TransactionTemplate(transactions));
    }

    @Bean
    UnitStates unitStates(SubmissionsFolder folder) {
        return new UnitStates(folder);
    }

    @Bean
    PortalRuns portalRuns(ConsolidationLauncher launcher, RunLedger ledger, AuditTrail audit, PortalSetup setup,
            ScheduleTicks ticks) {
        return new PortalRuns(launcher, ledger, audit, setup.springArgs(), ticks);
    }

    @Bean
    UploadDesk uploadDesk(SubmissionsFolder folder, UploadHistory history, AuditTrail audit) {
        return new UploadDesk(folder, history, audit);
    }
}
