"""E-mail: what a message looks like on the wire (``message``), the SMTP server it
goes through (``smtp``), the links it carries (``links``), and sending the outbox
after commit (``dispatch``, run by the app's ``worker`` and ``python -m prize
outbox send``). Messages are written to the outbox by ``prize.services.mail``."""
