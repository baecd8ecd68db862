package cn.zwgk.consolidator.portal;

import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

import cn.zwgk.consolidator.template.ReportTemplate;
import cn.zwgk.consolidator.template.ReportValues;

/**
 * What {@code serve} hands the portal: the jobs it serves, Spring's own command-line options (for
 * the run's safety checks, as the command line makes them) and how a blank form is prefilled with
 * last year's carry-over.
 */
public record PortalSetup(PortalJob.Catalog catalog, List<String> springArgs,
        BiFunction<ReportTemplate, ReportValues, Map<Integer, String>> carriedIn) {
}
