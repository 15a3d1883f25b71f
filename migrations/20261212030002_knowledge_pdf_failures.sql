-- PDF uploads (issue 13): the ways a PDF can fail. Values are only added here (an
-- added value cannot be used in the transaction that adds it).
ALTER TYPE knowledge_failure ADD VALUE 'corrupt_pdf';
ALTER TYPE knowledge_failure ADD VALUE 'unreadable_pdf';
ALTER TYPE knowledge_failure ADD VALUE 'too_many_pages';
