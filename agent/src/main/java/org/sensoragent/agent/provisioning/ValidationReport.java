package org.sensoragent.agent.provisioning;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a validation found: every problem (not only the first) and the facts worth printing
 * (device id, endpoint, certificate subject and expiry, PSK identity). Facts never hold a secret.
 * Not thread-safe; filled by one validator, then read.
 */
public final class ValidationReport {

  private final List<Finding> findings = new ArrayList<>();
  private final Map<String, String> facts = new LinkedHashMap<>();

  void add(Finding finding) {
    findings.add(finding);
  }

  void fact(String label, String value) {
    facts.put(label, value);
  }

  public List<Finding> findings() {
    return Collections.unmodifiableList(findings);
  }

  /** Labels in the order found, e.g. {@code device}, {@code endpoint}, {@code certificate}. */
  public Map<String, String> facts() {
    return Collections.unmodifiableMap(facts);
  }

  public boolean hasErrors() {
    return findings.stream().anyMatch(Finding::isError);
  }
}
