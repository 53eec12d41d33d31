"""The workload questionnaire: rules, services, selectors, forms, views and API."""
