"""The demo's cohort: ten mentors, twenty-five mentees and a guest, as plain Python data.

Shipped in the package so that ``python -m ementoring demo`` reads no file.
People are fictional; zones, fields and languages follow the program the
library was born from (newcomers preparing to move to Canada, mentored by
professionals there, with guests such as a mock interviewer in Tel Aviv).
Availability is written the way people say it, on their own clock.
"""

from __future__ import annotations

from typing import NamedTuple

__all__ = ["INTERVIEWER", "MENTEES", "MENTORS", "Person"]


class Person(NamedTuple):
    id: str
    name: str
    zone: str
    fields: tuple[str, ...]
    languages: tuple[str, ...]
    topics: tuple[str, ...]  # what a mentor offers, or what a mentee wants
    availability: tuple[str, ...]  # WeeklyWindow.parse texts, on the person's clock
    capacity: int = 1
    preferred: tuple[str, ...] = ()


# fmt: off
MENTORS: tuple[Person, ...] = (
    Person("anna", "Anna Kowalski", "America/Toronto", ("Human resources",), ("English", "Russian"),
           ("CV review", "Interview prep", "Canadian workplace culture"),
           ("MO-FR 11:00-14:00", "TU,TH 18:00-20:00"), capacity=2, preferred=("TU,TH 11:00-13:00",)),
    Person("olivia", "Olivia Chen", "America/Toronto", ("Software engineering",), ("English",),
           ("System design", "Interview prep", "CV review"),
           ("MO-TH 08:00-10:00", "SA 10:00-13:00"), capacity=3),
    Person("lucas", "Lucas Almeida", "America/Vancouver", ("Software engineering",),
           ("English", "Portuguese"), ("Interview prep", "Networking", "Cloud certifications"),
           ("MO-FR 06:00-09:00", "SU 14:00-18:00"), capacity=3),
    Person("rajesh", "Rajesh Iyer", "America/Toronto", ("Accounting",), ("English", "Hindi"),
           ("CPA licensing", "CV review", "Canadian workplace culture"),
           ("MO,WE,FR 07:00-09:00", "SA 09:00-12:00"), capacity=2),
    Person("marie", "Marie Tremblay", "America/Toronto", ("Nursing",), ("English", "French"),
           ("Licensing exams", "Interview prep", "Canadian workplace culture"),
           ("TU-TH 07:00-09:30",), capacity=2),
    Person("sophie", "Sophie Martin", "America/Edmonton", ("Teaching",), ("English", "French"),
           ("Teacher certification", "Classroom culture", "CV review"),
           ("MO-FR 07:00-08:30", "SU 13:00-16:00"), capacity=1),
    Person("priya", "Priya Nair", "America/Toronto", ("Data analysis",), ("English", "Hindi"),
           ("SQL", "Portfolio review", "Interview prep"),
           ("MO-FR 07:00-09:00", "SA 08:00-11:00"), capacity=2),
    Person("ivan", "Ivan Petrov", "America/Toronto", ("Civil engineering",), ("English", "Russian"),
           ("P.Eng. licensing", "CV review", "Networking"),
           ("MO-FR 12:00-13:00", "WE 19:00-21:00"), capacity=2),
    Person("james", "James O'Connor", "Australia/Sydney", ("Marketing",), ("English",),
           ("Portfolio review", "Networking", "Interview prep"),
           ("MO-FR 17:00-20:00",), capacity=2),
    Person("emma", "Emma Roy", "America/Toronto", ("Human resources",), ("English", "French"),
           ("Interview prep", "Networking"),
           ("MO-FR 12:00-13:00",), capacity=0),  # on leave this cohort
)

MENTEES: tuple[Person, ...] = (
    Person("natalia", "Natalia Smirnova", "Europe/Moscow", ("Human resources",),
           ("Russian", "English"), ("CV review", "Interview prep", "Canadian workplace culture"),
           ("MO-FR 18:00-22:00", "SA 12:00-16:00"), preferred=("TU,TH 19:00-21:00",)),
    Person("dmitry", "Dmitry Volkov", "Europe/Moscow", ("Software engineering",),
           ("Russian", "English"), ("System design", "Interview prep"),
           ("MO-FR 16:00-20:00", "SA 17:00-21:00")),
    Person("olga", "Olga Ivanova", "Europe/Moscow", ("Civil engineering",), ("Russian", "English"),
           ("P.Eng. licensing", "CV review"), ("MO-FR 19:00-22:00",)),
    Person("sergei", "Sergei Kuznetsov", "Europe/Moscow", ("Accounting",), ("Russian", "English"),
           ("CPA licensing",), ("MO-FR 15:00-19:00",)),
    Person("arjun", "Arjun Sharma", "Asia/Kolkata", ("Software engineering",), ("Hindi", "English"),
           ("Interview prep", "Cloud certifications"), ("MO-FR 19:00-23:30",)),
    Person("ananya", "Ananya Gupta", "Asia/Kolkata", ("Data analysis",), ("Hindi", "English"),
           ("SQL", "Portfolio review"), ("MO-FR 17:30-20:30", "SA 18:00-21:00")),
    Person("rohan", "Rohan Mehta", "Asia/Kolkata", ("Accounting",), ("Hindi", "English"),
           ("CPA licensing", "Canadian workplace culture"), ("MO-SA 17:30-21:30",)),
    Person("kavya", "Kavya Reddy", "Asia/Kolkata", ("Nursing",), ("English", "Telugu"),
           ("Licensing exams",), ("TU-TH 17:00-20:00",)),
    Person("lucia", "Lucia Santos", "America/Sao_Paulo", ("Software engineering",),
           ("Portuguese", "English"), ("Interview prep", "Networking"), ("MO-FR 09:00-12:00",)),
    Person("pedro", "Pedro Oliveira", "America/Sao_Paulo", ("Marketing",), ("Portuguese", "English"),
           ("Portfolio review", "Networking"), ("MO-FR 05:00-07:00",)),
    Person("gabriela", "Gabriela Costa", "America/Sao_Paulo", ("Software engineering",),
           ("Portuguese",), ("Cloud certifications", "System design"), ("MO-FR 10:00-12:00",)),
    Person("noa", "Noa Levi", "Asia/Jerusalem", ("Human resources",), ("Hebrew", "English"),
           ("Interview prep", "Networking"), ("SU-TH 18:00-21:00",)),
    Person("yossi", "Yossi Katz", "Asia/Jerusalem", ("Software engineering",), ("Hebrew", "English"),
           ("System design",), ("SU-TH 15:00-18:00",)),
    Person("chloe", "Chloe Nguyen", "Australia/Sydney", ("Marketing",), ("English", "Vietnamese"),
           ("Networking", "Interview prep"), ("MO-FR 07:00-09:00",)),
    Person("liam", "Liam Walsh", "Australia/Sydney", ("Teaching",), ("English",),
           ("Teacher certification", "Classroom culture"), ("MO-FR 06:00-08:00", "SA 07:00-10:00")),
    Person("amira", "Amira Haddad", "Africa/Cairo", ("Nursing",), ("Arabic", "English", "French"),
           ("Licensing exams", "Interview prep"), ("SU-TH 14:00-17:00",)),
    Person("fatima", "Fatima Benali", "Africa/Casablanca", ("Teaching",), ("French", "Arabic"),
           ("Teacher certification",), ("MO-FR 14:00-17:00",)),
    Person("mei", "Mei Lin", "Asia/Shanghai", ("Data analysis",), ("Mandarin", "English"),
           ("SQL", "Interview prep"), ("MO-FR 20:00-23:00",)),
    Person("hiro", "Hiroshi Tanaka", "Asia/Tokyo", ("Civil engineering",), ("Japanese", "English"),
           ("P.Eng. licensing",), ("MO-FR 21:00-23:30",)),
    Person("sanjay", "Sanjay Patel", "Asia/Kathmandu", ("Accounting",),
           ("Nepali", "Hindi", "English"), ("CPA licensing", "CV review"), ("MO-FR 18:15-21:15",)),
    Person("elena", "Elena Popescu", "Europe/Bucharest", ("Human resources",),
           ("Romanian", "English"), ("Canadian workplace culture", "Networking"),
           ("MO-FR 17:00-20:00",)),
    Person("tomasz", "Tomasz Nowak", "Europe/Warsaw", ("Software engineering",),
           ("Polish", "English"), ("Interview prep", "Networking"), ("MO-FR 15:00-19:00",)),
    Person("ines", "Ines Ferreira", "Europe/Lisbon", ("Marketing",), ("Portuguese", "English"),
           ("Portfolio review",), ("MO-FR 18:00-21:00",)),
    Person("omar", "Omar Farouk", "Asia/Dubai", ("Veterinary medicine",), ("Arabic", "English"),
           ("Licensing exams",), ("MO-FR 18:00-21:00",)),
    Person("kofi", "Kofi Mensah", "Africa/Accra", ("Nursing",), ("English",),
           ("Licensing exams", "Canadian workplace culture"), ("MO-FR 12:00-15:00",)),
)

# A guest, no mentor and no mentee: the mock interviewer who joins one call from Tel Aviv.
INTERVIEWER = Person("dana", "Dana Cohen", "Asia/Jerusalem", ("Human resources",),
                     ("Hebrew", "English"), (), ("SU-TH 16:00-21:00",))
# fmt: on
