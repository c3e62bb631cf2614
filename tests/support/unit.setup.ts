// Unit tests load the pipeline, whose env is parsed at import: give it a plausible local one.
process.env.STAGE ??= 'local';
process.env.TABLE_NAME ??= 'ankang-unit';
process.env.WECHAT_API_BASE ??= 'http://127.0.0.1:9';
process.env.JWT_SECRET ??= 'unit-test-jwt-secret-0123456789abcdef';
process.env.PSEUDONYM_KEY ??= 'unit-test-pseudonym-key-0123456789abcdef';
process.env.COOLING_CODE_KEY ??= 'unit-test-cooling-code-key-0123456789abcdef';
process.env.FIELD_MASTER_KEY ??= 'unit-test-field-master-key-0123456789abcdef';
process.env.LOOKUP_KEY ??= 'unit-test-lookup-key-0123456789abcdef';
process.env.POWERTOOLS_LOG_LEVEL ??= 'SILENT';
process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';
process.env.POWERTOOLS_TRACE_ENABLED ??= 'false';
