"""The Scrapy project: fetches pemda pages politely and hands them on. It fetches; it does not interpret."""
