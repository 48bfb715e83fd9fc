SELECT estate_kind, missed_milestone_weight, low_electricity_weight, electricity_threshold_kwh, electricity_months,
       inactive_inspection_weight, no_report_weight, no_report_months, open_score
  FROM idle_rules
