"""Build the worked-example templates in src/jmwidget/templates/ with the Journey API.

Each template is written as pretty-printed JSON (``Journey.to_json()``), so templates are data
that ship with the package, and ids come out stable and readable (slugs of the names, cards
numbered per lane). Run it after changing a builder below::

    python scripts/make_templates.py          # write every <name>.json
    python scripts/make_templates.py --check  # exit 1 if a committed file differs

tests/test_templates.py runs the builders in-process and compares them with the committed files.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from jmwidget import Journey

TEMPLATE_DIR = Path(__file__).resolve().parent.parent / "src" / "jmwidget" / "templates"

CHANNELS = ["Website", "Mobile app", "Email", "Phone", "Chat", "Store", "Social media", "Review site", "Post"]
EMOTION_SCALE = {
    "min": 1,
    "max": 5,
    "neutral": 3,
    "labels": {"1": "Very unhappy", "2": "Unhappy", "3": "Neutral", "4": "Happy", "5": "Delighted"},
}

# A step's content: {"step": name, "actions": str, "thoughts": str, "channels": [...],
# "emotion": n or {persona_id: n}, "metrics": {lane name: number},
# "pains": [(text, impact)], "ideas": [(text, color, tag)]}
StepContent = dict[str, Any]
Stages = list[tuple[str, list[StepContent]]]


def new_map(
    title: str,
    *,
    description: str,
    scenario: str,
    persona: dict[str, Any],
    channels: list[str],
    state: str = "current",
) -> Journey:
    """A map with the shared emotion scale (1-5, neutral 3, with words) and a channel vocabulary."""
    journey = Journey(
        title,
        description=description,
        scenario=scenario,
        state="future" if state == "future" else "current",
        persona=persona,
        channels=channels,
    )
    journey.edit(emotion_scale=EMOTION_SCALE)
    return journey


def standard_lanes(journey: Journey, metrics: Sequence[dict[str, Any]] = ()) -> None:
    """Actions, Thoughts, Channels, Emotion, Pain points, Opportunities, then any metric lanes."""
    journey.add_lane("Actions", "text", description="What the customer does at this step.")
    journey.add_lane("Thoughts", "text", description="What they think, ask or worry about.")
    journey.add_lane("Channels", "channels", description="Touchpoints: where the step happens.")
    journey.add_lane("Emotion", "emotion", description="How they feel, from 1 (very unhappy) to 5 (delighted).")
    journey.add_lane(
        "Pain points",
        "cards",
        description="Problems, with their impact: trivial, work-around, or abandons (the customer gives up).",
    )
    journey.add_lane("Opportunities", "cards", description="Ideas to remove a pain point or add a moment of delight.")
    for metric in metrics:
        fields = dict(metric)
        journey.add_lane(fields.pop("name"), "metric", **fields)


def fill(journey: Journey, stages: Stages) -> None:
    """Add the stages and steps, then write every step's content into the lanes."""
    for stage_name, steps in stages:
        journey.add_stage(stage_name, steps=[content["step"] for content in steps])
    step_ids = [step.id for step in journey.steps]
    contents = [content for _, steps in stages for content in steps]
    pains = ideas = 0
    for step_id, content in zip(step_ids, contents, strict=True):
        for key, lane in (("actions", "actions"), ("thoughts", "thoughts"), ("channels", "channels")):
            if key in content:
                journey.set_cell(lane, step_id, content[key])
        emotion = content.get("emotion")
        if isinstance(emotion, dict):
            for persona_id, value in emotion.items():
                journey.set_cell("emotion", step_id, value, persona=persona_id)
        elif emotion is not None:
            journey.set_cell("emotion", step_id, emotion)
        for lane_name, value in content.get("metrics", {}).items():
            journey.set_cell(journey.lane_id(lane_name), step_id, value)
        for text, impact in content.get("pains", []):
            pains += 1
            journey.add_card("pain-points", step_id, text, color="pink", impact=impact, id=f"pain-{pains}")
        for text, color, tag in content.get("ideas", []):
            ideas += 1
            journey.add_card("opportunities", step_id, text, color=color, tag=tag, id=f"idea-{ideas}")


# ---------------------------------------------------------------- blank


def blank() -> Journey:
    journey = new_map(
        "Untitled journey map",
        description="A starting point: rename the stages and steps, add steps, and fill in the lanes.",
        scenario="",
        persona={"id": "customer", "name": "Customer"},
        channels=CHANNELS,
    )
    journey.add_stage("Before", steps=["Step 1"])
    journey.add_stage("During", steps=["Step 2"])
    journey.add_stage("After", steps=["Step 3"])
    standard_lanes(journey)
    return journey


# ---------------------------------------------------------------- buyer's journey


def buyers_journey() -> Journey:
    journey = new_map(
        "Buying an e-bike",
        description=(
            "A B2C buyer's journey for a direct-to-consumer e-bike brand with a few showrooms, from first "
            "noticing e-bikes to recommending one. Two personas take the same path and feel it differently."
        ),
        scenario="Sofia and Graham each want an e-bike and buy one from Volta Bikes within about six weeks.",
        persona={
            "id": "sofia",
            "name": "Sofia Marin",
            "role": "Commuter, 34, product designer",
            "goals": ["Replace a crowded 40-minute bus ride", "Arrive at work without being sweaty"],
            "needs": ["Honest range figures for a hilly route", "Delivery that fits around office days"],
            "quote": "If it saves me the bus every day, it pays for itself in a year.",
            "backstory": (
                "Sofia moved to a hilly part of town last spring. She researches everything online, reads "
                "long reviews and expects to buy in a few taps."
            ),
        },
        channels=CHANNELS,
    )
    journey.add_persona(
        "Graham Ellis",
        id="graham",
        role="Retired teacher, 61, leisure rider",
        goals=["Keep up with his grandchildren on weekend rides", "Stay active after a knee operation"],
        needs=["Try before buying", "Someone to ask about fitting and servicing"],
        quote="I'm not spending two thousand pounds on something I haven't sat on.",
        backstory=(
            "Graham has ridden bikes all his life but stopped after knee surgery. He prefers to talk to a "
            "person and is wary of paying in instalments online."
        ),
    )
    standard_lanes(
        journey,
        metrics=[
            {
                "name": "Conversion",
                "unit": "%",
                "format": "percent",
                "higher_is_better": True,
                "description": "Share of people at this step who go on to the next one (web analytics and CRM).",
            },
            {
                "name": "CSAT",
                "unit": "/5",
                "format": "score",
                "higher_is_better": True,
                "description": "Mean satisfaction from the post-interaction survey, 1-5.",
            },
        ],
    )
    fill(
        journey,
        [
            (
                "Awareness",
                [
                    {
                        "step": "Sees a post from a friend",
                        "actions": "Sees a friend's photo of a weekend ride on an e-bike and asks about it.",
                        "thoughts": "Could that work for my commute? Are they allowed on cycle paths?",
                        "channels": ["Social media"],
                        "emotion": {"sofia": 4, "graham": 3},
                        "metrics": {"Conversion": 22.0},
                        "ideas": [("Shareable 'my commute' ride card for owners to post", "green", "marketing")],
                    },
                    {
                        "step": "Watches a review video",
                        "actions": "Watches a YouTube review and a range test on a hilly route.",
                        "thoughts": "Real-world range seems lower than the brochure says.",
                        "channels": ["Review site", "Social media"],
                        "emotion": {"sofia": 3, "graham": 3},
                        "metrics": {"Conversion": 41.0},
                        "pains": [("Range quoted for flat roads only; hilly riders feel misled", "trivial")],
                        "ideas": [("Range calculator using the buyer's own route and weight", "blue", "product")],
                    },
                ],
            ),
            (
                "Consideration",
                [
                    {
                        "step": "Compares models",
                        "actions": "Opens three model pages side by side and reads the spec tables.",
                        "thoughts": "What is the difference between a hub and a mid-drive motor, and does it matter?",
                        "channels": ["Website"],
                        "emotion": {"sofia": 3, "graham": 2},
                        "metrics": {"Conversion": 35.0},
                        "pains": [
                            ("Spec tables use jargon (Nm, Wh) with no plain-language summary", "work-around"),
                            ("No comparison view: tabs and screenshots instead", "work-around"),
                        ],
                        "ideas": [("'Which bike is for me?' quiz ending in a side-by-side comparison", "blue", "web")],
                    },
                    {
                        "step": "Books a test ride",
                        "actions": "Books a 30-minute test ride at the nearest showroom.",
                        "thoughts": "The only free slots are on weekdays at 11:00.",
                        "channels": ["Website", "Phone"],
                        "emotion": {"sofia": 2, "graham": 3},
                        "metrics": {"Conversion": 64.0},
                        "pains": [("No evening or weekend slots for people who work office hours", "abandons")],
                        "ideas": [("Saturday and late-Thursday test rides", "green", "quick win")],
                    },
                    {
                        "step": "Test rides in store",
                        "actions": "Rides two models around the block with a staff member; asks about servicing.",
                        "thoughts": "This is effortless on the hill. I'm sold.",
                        "channels": ["Store"],
                        "emotion": {"sofia": 5, "graham": 5},
                        "metrics": {"Conversion": 58.0, "CSAT": 4.7},
                        "ideas": [("Staff hand over a summary of the tried bikes by email", "yellow", "service")],
                    },
                ],
            ),
            (
                "Purchase",
                [
                    {
                        "step": "Checks out with finance",
                        "actions": "Orders online and applies for 0% finance over 24 months.",
                        "thoughts": "Why do they need my employer's address? Will this hurt my credit score?",
                        "channels": ["Website"],
                        "emotion": {"sofia": 3, "graham": 1},
                        "metrics": {"Conversion": 71.0},
                        "pains": [
                            ("Finance form times out after 10 minutes and loses the answers", "abandons"),
                            ("Credit check is not explained before it runs", "work-around"),
                        ],
                        "ideas": [
                            ("Save finance answers and let the buyer finish later", "blue", "product"),
                            ("Offer in-store checkout with a staff member for finance", "purple", "service"),
                        ],
                    },
                    {
                        "step": "Waits for delivery",
                        "actions": "Gets a delivery date by email and tracks the van on the day.",
                        "thoughts": "A whole day at home waiting for a four-hour slot?",
                        "channels": ["Email", "Mobile app"],
                        "emotion": {"sofia": 2, "graham": 3},
                        "metrics": {"Conversion": 97.0, "CSAT": 3.4},
                        "pains": [("Delivery slot given, not chosen; rescheduling means a phone call", "work-around")],
                        "ideas": [("Choose a two-hour slot, or collect from the showroom", "green", "operations")],
                    },
                    {
                        "step": "Unboxes and sets up",
                        "actions": "Fits the pedals and handlebars, charges the battery, pairs the app.",
                        "thoughts": "Which way round do the pedals go? The video helps.",
                        "channels": ["Mobile app"],
                        "emotion": {"sofia": 4, "graham": 3},
                        "metrics": {"Conversion": 95.0, "CSAT": 4.1},
                        "pains": [("Pedal threads not marked left and right", "trivial")],
                    },
                ],
            ),
            (
                "Retention",
                [
                    {
                        "step": "Gets the first service",
                        "actions": "Gets a reminder after 300 km and books the free first service.",
                        "thoughts": "Nice that they remembered. Do I need to leave it for a day?",
                        "channels": ["Email", "Store"],
                        "emotion": {"sofia": 4, "graham": 4},
                        "metrics": {"Conversion": 66.0, "CSAT": 4.4},
                        "ideas": [("While-you-wait service slots of 45 minutes", "yellow", "operations")],
                    },
                    {
                        "step": "Buys accessories",
                        "actions": "Buys a lock, mudguards and panniers recommended in the app.",
                        "thoughts": "Will these fit my frame size?",
                        "channels": ["Mobile app", "Website"],
                        "emotion": {"sofia": 4, "graham": 3},
                        "metrics": {"Conversion": 38.0},
                        "pains": [("Accessory pages don't say which frames they fit", "work-around")],
                        "ideas": [("Show only accessories that fit the bike you own", "blue", "product")],
                    },
                ],
            ),
            (
                "Advocacy",
                [
                    {
                        "step": "Leaves a review",
                        "actions": "Writes a review on Trustpilot when asked a month after delivery.",
                        "thoughts": "Happy to, the test ride was great.",
                        "channels": ["Email", "Review site"],
                        "emotion": {"sofia": 4, "graham": 4},
                        "metrics": {"Conversion": 18.0},
                    },
                    {
                        "step": "Refers a friend",
                        "actions": "Sends a referral link; both get a free service.",
                        "thoughts": "My neighbour keeps asking about it anyway.",
                        "channels": ["Mobile app", "Social media"],
                        "emotion": {"sofia": 5, "graham": 4},
                        "ideas": [("Group test-ride evenings hosted by owners", "purple", "community")],
                    },
                ],
            ),
        ],
    )
    return journey


# ---------------------------------------------------------------- day in the life


def day_in_the_life() -> Journey:
    journey = new_map(
        "A day in the life of a district nurse",
        description=(
            "One working day of a community (district) nurse visiting patients at home, to see where time, "
            "tools and handoffs help or get in the way of care. Stages are times of day."
        ),
        scenario="A Tuesday on the north team: eleven home visits, one of them an unplanned escalation.",
        persona={
            "id": "aisha",
            "name": "Aisha Bello",
            "role": "District nurse, community nursing team",
            "goals": ["See every patient on the list safely", "Finish her notes before going home"],
            "needs": [
                "Records she can open and update at the bedside, even without signal",
                "A quick way to reach a GP or pharmacist",
            ],
            "quote": "The visits are the job. It's everything around them that eats the day.",
            "backstory": (
                "Aisha has been a nurse for twelve years, the last five in the community. She covers a mix of "
                "town and rural villages, drives about 60 miles a day and works from a tablet and a phone."
            ),
        },
        channels=["Face to face", "Phone", "Tablet app", "Team chat", "Email", "Paper"],
    )
    standard_lanes(
        journey,
        metrics=[
            {
                "name": "Time",
                "unit": "min",
                "format": "count",
                "description": "Minutes spent at this step (one observed shift).",
            },
            {
                "name": "Admin time",
                "unit": "min",
                "format": "count",
                "higher_is_better": False,
                "description": "Of which minutes on records, phone calls and chasing.",
            },
        ],
    )
    fill(
        journey,
        [
            (
                "08:00 Start",
                [
                    {
                        "step": "Handover huddle",
                        "actions": "Joins the team huddle; the coordinator shares out today's visits.",
                        "thoughts": "Eleven visits and two of them new. Who's covering the villages?",
                        "channels": ["Face to face", "Paper"],
                        "emotion": 3,
                        "metrics": {"Time": 20, "Admin time": 20},
                        "pains": [("Visit list printed on paper, already out of date by 08:15", "work-around")],
                        "ideas": [("Live visit board in the tablet app, updated by the coordinator", "blue", "tech")],
                    },
                    {
                        "step": "Plans the route",
                        "actions": "Orders her visits by hand, checks which need insulin at fixed times.",
                        "thoughts": "If the 9 o'clock insulin runs late the whole morning slips.",
                        "channels": ["Tablet app", "Phone"],
                        "emotion": 2,
                        "metrics": {"Time": 15, "Admin time": 15},
                        "pains": [("No route planning: nurses cross the same village twice", "work-around")],
                        "ideas": [("Route suggestion that respects time-critical visits", "blue", "tech")],
                    },
                ],
            ),
            (
                "Morning round",
                [
                    {
                        "step": "Insulin visit",
                        "actions": "Gives insulin, checks blood sugar, chats with the patient's daughter.",
                        "thoughts": "She's doing well. Good to see the family so involved.",
                        "channels": ["Face to face"],
                        "emotion": 4,
                        "metrics": {"Time": 25, "Admin time": 5},
                    },
                    {
                        "step": "Wound dressing",
                        "actions": "Redresses a leg ulcer and photographs it for the wound record.",
                        "thoughts": "It's healing. The photo should show the tissue viability nurse.",
                        "channels": ["Face to face", "Tablet app"],
                        "emotion": 4,
                        "metrics": {"Time": 40, "Admin time": 10},
                        "pains": [("Photos can't be uploaded without 4G; re-taken later from memory", "work-around")],
                    },
                    {
                        "step": "Escalates a patient",
                        "actions": "Finds a patient breathless and confused; phones the GP surgery for a visit.",
                        "thoughts": "I'm on hold for twenty minutes while he gets worse.",
                        "channels": ["Face to face", "Phone"],
                        "emotion": 1,
                        "metrics": {"Time": 55, "Admin time": 30},
                        "pains": [
                            ("No direct line to the duty GP; nurses queue with the public", "work-around"),
                            ("Later visits run late, one insulin visit is 40 minutes behind", "trivial"),
                        ],
                        "ideas": [
                            ("Professional bypass number to the duty GP", "green", "quick win"),
                            (
                                "Coordinator reassigns later visits when a nurse flags an escalation",
                                "yellow",
                                "process",
                            ),
                        ],
                    },
                ],
            ),
            (
                "Midday",
                [
                    {
                        "step": "Lunch in the car",
                        "actions": "Eats in a supermarket car park; answers team chat messages.",
                        "thoughts": "Ten minutes to myself, if the phone stays quiet.",
                        "channels": ["Team chat"],
                        "emotion": 3,
                        "metrics": {"Time": 20, "Admin time": 5},
                        "pains": [("No base nearby to eat, warm up or use a toilet", "work-around")],
                        "ideas": [("Agreement with GP surgeries to use a staff room", "purple", "partnership")],
                    },
                    {
                        "step": "Catches up on notes",
                        "actions": "Types up the morning's visits; the app logs her out twice.",
                        "thoughts": "I'll have to do the rest at home tonight again.",
                        "channels": ["Tablet app"],
                        "emotion": 1,
                        "metrics": {"Time": 35, "Admin time": 35},
                        "pains": [
                            ("Records app times out after 5 minutes and loses unsaved notes", "work-around"),
                            ("Same observations typed into two systems", "work-around"),
                        ],
                        "ideas": [
                            ("Offline mode that saves drafts and syncs later", "blue", "tech"),
                            ("Voice notes transcribed into the record", "blue", "tech"),
                        ],
                    },
                ],
            ),
            (
                "Afternoon round",
                [
                    {
                        "step": "Palliative care visit",
                        "actions": "Reviews pain relief with a patient at the end of life and his wife.",
                        "thoughts": "This is why I do the job. They trust us.",
                        "channels": ["Face to face"],
                        "emotion": 4,
                        "metrics": {"Time": 60, "Admin time": 10},
                        "ideas": [("Protected time for palliative visits on the rota", "yellow", "process")],
                    },
                    {
                        "step": "Chases a prescription",
                        "actions": "Calls the pharmacy and the surgery about a missing syringe driver prescription.",
                        "thoughts": "Three calls for one signature. The family can't wait until tomorrow.",
                        "channels": ["Phone", "Email"],
                        "emotion": 2,
                        "metrics": {"Time": 30, "Admin time": 30},
                        "pains": [("Prescription requests go by email with no tracking", "work-around")],
                        "ideas": [("Shared request tracker between nurses, GP and pharmacy", "blue", "tech")],
                    },
                ],
            ),
            (
                "17:00 Finish",
                [
                    {
                        "step": "Returns to base",
                        "actions": "Drops off samples, restocks dressings and hands over to the evening team.",
                        "thoughts": "Did I tell them about the patient I escalated?",
                        "channels": ["Face to face", "Paper"],
                        "emotion": 3,
                        "metrics": {"Time": 25, "Admin time": 15},
                        "pains": [("Handover relies on memory and sticky notes", "trivial")],
                    },
                    {
                        "step": "Writes up the day",
                        "actions": "Finishes notes at the kitchen table after her shift.",
                        "thoughts": "Another 40 minutes unpaid.",
                        "channels": ["Tablet app"],
                        "emotion": 2,
                        "metrics": {"Time": 40, "Admin time": 40},
                        "pains": [("Unpaid overtime most days; staff leave the team over it", "abandons")],
                        "ideas": [("Count documentation time in visit allocations", "purple", "policy")],
                    },
                ],
            ),
        ],
    )
    return journey


# ---------------------------------------------------------------- onboarding (current and future)

TOMAS: dict[str, Any] = {
    "id": "tomas",
    "name": "Tomás Ruiz",
    "role": "New graduate, 24, starting his first job",
    "goals": ["Have an account before his first payday", "Set it up on his phone in one sitting"],
    "needs": ["To know up front what documents he needs", "To see how long each part takes"],
    "quote": "My employer needs my account details by Friday. I just want it to work.",
    "backstory": (
        "Tomás has just moved cities for a junior analyst job. His old account is with his parents' branch "
        "bank, three hours away. He chose Northwind Bank after a colleague recommended its app."
    ),
}

ONBOARDING_METRICS = [
    {
        "name": "Conversion",
        "unit": "%",
        "format": "percent",
        "higher_is_better": True,
        "description": "Share of applicants who start this step and complete it (product analytics).",
    },
    {
        "name": "Time on step",
        "unit": "s",
        "format": "seconds",
        "higher_is_better": False,
        "description": "Median active time on the step, in seconds.",
    },
    {
        "name": "Support tickets",
        "unit": "tickets/week",
        "format": "count",
        "higher_is_better": False,
        "description": "Support contacts tagged with this step, per week.",
    },
]


def onboarding() -> Journey:
    journey = new_map(
        "Opening a current account in the app",
        description=(
            "The current state of Northwind Bank's mobile onboarding, from download to first card payment, "
            "with funnel metrics from product analytics and support. Drop-off peaks at identity checks."
        ),
        scenario="Tomás needs a current account before his first payday, eight days from now.",
        persona=TOMAS,
        channels=CHANNELS,
    )
    standard_lanes(journey, metrics=ONBOARDING_METRICS)
    fill(
        journey,
        [
            (
                "Discover",
                [
                    {
                        "step": "Downloads the app",
                        "actions": "Follows a colleague's referral link and installs the app.",
                        "thoughts": "Four point seven stars, that's a good sign.",
                        "channels": ["Social media", "Mobile app"],
                        "emotion": 4,
                        "metrics": {"Conversion": 88.0, "Time on step": 45, "Support tickets": 3},
                    },
                    {
                        "step": "Looks for requirements",
                        "actions": "Scrolls the welcome screens looking for what documents to have ready.",
                        "thoughts": "Do I need proof of address? I only moved last week.",
                        "channels": ["Mobile app", "Website"],
                        "emotion": 3,
                        "metrics": {"Conversion": 81.0, "Time on step": 70, "Support tickets": 12},
                        "pains": [("Document list is in the FAQ, not in the app", "work-around")],
                        "ideas": [("A 'before you start' checklist screen with time estimates", "green", "quick win")],
                    },
                ],
            ),
            (
                "Sign up",
                [
                    {
                        "step": "Enters phone and email",
                        "actions": "Enters his number, types the SMS code, confirms his email.",
                        "thoughts": "Easy enough.",
                        "channels": ["Mobile app", "Email"],
                        "emotion": 4,
                        "metrics": {"Conversion": 93.0, "Time on step": 55, "Support tickets": 8},
                    },
                    {
                        "step": "Fills in personal details",
                        "actions": "Types his name, date of birth, address history, income and job.",
                        "thoughts": "Three years of addresses? Why do they need my salary?",
                        "channels": ["Mobile app"],
                        "emotion": 2,
                        "metrics": {"Conversion": 84.0, "Time on step": 210, "Support tickets": 20},
                        "pains": [
                            ("Address lookup fails for new-build flats", "work-around"),
                            ("No explanation of why income is asked", "trivial"),
                        ],
                        "ideas": [("Say why each question is asked, in one line", "yellow", "content")],
                    },
                    {
                        "step": "Chooses account type",
                        "actions": "Picks the free current account over the paid one.",
                        "thoughts": "Fine, the free one does what I need.",
                        "channels": ["Mobile app"],
                        "emotion": 3,
                        "metrics": {"Conversion": 96.0, "Time on step": 25, "Support tickets": 4},
                    },
                ],
            ),
            (
                "Verify identity",
                [
                    {
                        "step": "Photographs ID",
                        "actions": "Photographs his driving licence; it is rejected three times for glare.",
                        "thoughts": "What is wrong with the photo? It looks fine to me.",
                        "channels": ["Mobile app"],
                        "emotion": 1,
                        "metrics": {"Conversion": 61.0, "Time on step": 260, "Support tickets": 145},
                        "pains": [
                            ("Rejections say 'try again' without saying what was wrong", "abandons"),
                            ("Expired or provisional licences only fail at the end", "abandons"),
                        ],
                        "ideas": [
                            ("Live camera guidance: glare, blur and edges detected before capture", "blue", "product"),
                            ("Passport chip (NFC) scan as the first option", "blue", "tech"),
                        ],
                    },
                    {
                        "step": "Takes a selfie video",
                        "actions": "Records a short video turning his head left and right.",
                        "thoughts": "I feel silly doing this on the bus.",
                        "channels": ["Mobile app"],
                        "emotion": 2,
                        "metrics": {"Conversion": 78.0, "Time on step": 95, "Support tickets": 60},
                        "pains": [("Fails in low light; no way to pause and come back later", "abandons")],
                        "ideas": [("Save progress and send a reminder to finish later", "green", "quick win")],
                    },
                    {
                        "step": "Waits for review",
                        "actions": "Sees 'We're checking your details' and closes the app.",
                        "thoughts": "How long will this take? Will I make Friday?",
                        "channels": ["Mobile app", "Email"],
                        "emotion": 2,
                        "metrics": {"Conversion": 90.0, "Time on step": 1800, "Support tickets": 90},
                        "pains": [
                            ("One in five go to manual review for up to two days, with no updates", "work-around")
                        ],
                        "ideas": [("Status updates with an expected time, by push and email", "yellow", "service")],
                    },
                ],
            ),
            (
                "Fund and activate",
                [
                    {
                        "step": "Adds money",
                        "actions": "Transfers £50 from his old account using the sort code and number.",
                        "thoughts": "Did it go through? Nothing shows yet.",
                        "channels": ["Mobile app", "Website"],
                        "emotion": 3,
                        "metrics": {"Conversion": 72.0, "Time on step": 150, "Support tickets": 35},
                        "pains": [("Transfer can take hours to show; funding step looks broken", "work-around")],
                        "ideas": [("Add money instantly by debit card", "blue", "product")],
                    },
                    {
                        "step": "Orders the card",
                        "actions": "Confirms his address and picks a card colour.",
                        "thoughts": "Nice touch, choosing the colour.",
                        "channels": ["Mobile app"],
                        "emotion": 4,
                        "metrics": {"Conversion": 97.0, "Time on step": 40, "Support tickets": 6},
                    },
                ],
            ),
            (
                "First use",
                [
                    {
                        "step": "Shares details with employer",
                        "actions": "Copies his account number into the employer's HR portal.",
                        "thoughts": "Done before Friday. Relief.",
                        "channels": ["Mobile app", "Email"],
                        "emotion": 4,
                        "metrics": {"Conversion": 89.0, "Time on step": 90, "Support tickets": 15},
                        "pains": [("Account details hidden two menus deep", "trivial")],
                        "ideas": [("'Share my account details' button on the home screen", "green", "quick win")],
                    },
                    {
                        "step": "Makes first card payment",
                        "actions": "Pays for lunch with the virtual card in his phone wallet.",
                        "thoughts": "It works! And I got a notification straight away.",
                        "channels": ["Mobile app", "Store"],
                        "emotion": 5,
                        "metrics": {"Conversion": 94.0, "Time on step": 20, "Support tickets": 9},
                    },
                ],
            ),
        ],
    )
    return journey


def future_state() -> Journey:
    journey = new_map(
        "Opening a current account in the app (future state)",
        description=(
            "The redesigned onboarding for Northwind Bank, the future-state companion of the 'onboarding' "
            "template: a checklist up front, passport chip scans, instant decisions and instant funding. "
            "Metrics are the targets the team commits to."
        ),
        scenario="Tomás opens an account on the bus home, in one sitting, and shares his details the same evening.",
        persona=TOMAS,
        channels=CHANNELS,
        state="future",
    )
    standard_lanes(
        journey,
        metrics=[
            {**metric, "description": f"Target. {metric['description']}"}
            for metric in ONBOARDING_METRICS
            if metric["name"] != "Support tickets"
        ],
    )
    fill(
        journey,
        [
            (
                "Discover",
                [
                    {
                        "step": "Downloads the app",
                        "actions": "Follows a colleague's referral link and installs the app.",
                        "thoughts": "Four point seven stars, that's a good sign.",
                        "channels": ["Social media", "Mobile app"],
                        "emotion": 4,
                        "metrics": {"Conversion": 90.0, "Time on step": 45},
                    },
                    {
                        "step": "Sees the checklist",
                        "actions": "Reads a one-screen checklist: passport or licence, 8 minutes, no proof of address.",
                        "thoughts": "Eight minutes and my passport. I can do that now.",
                        "channels": ["Mobile app"],
                        "emotion": 4,
                        "metrics": {"Conversion": 90.0, "Time on step": 20},
                        "ideas": [("Checklist doubles as a progress bar through the steps", "green", "content")],
                    },
                ],
            ),
            (
                "Sign up",
                [
                    {
                        "step": "Enters phone and email",
                        "actions": "Enters his number; the SMS code fills in automatically.",
                        "thoughts": "Easy enough.",
                        "channels": ["Mobile app", "Email"],
                        "emotion": 4,
                        "metrics": {"Conversion": 95.0, "Time on step": 35},
                    },
                    {
                        "step": "Confirms his details",
                        "actions": "Checks details read from his passport and picks his new address from a map.",
                        "thoughts": "It already knows my name and birthday. Still a few questions, but each says why.",
                        "channels": ["Mobile app"],
                        "emotion": 3,
                        "metrics": {"Conversion": 93.0, "Time on step": 90},
                        "pains": [("Income question still needed by regulation", "trivial")],
                        "ideas": [
                            ("Ask for income as a range, with a 'why we ask' note", "yellow", "content"),
                            ("Address search that includes new-build addresses", "blue", "tech"),
                        ],
                    },
                ],
            ),
            (
                "Verify identity",
                [
                    {
                        "step": "Scans passport chip",
                        "actions": "Holds his passport to the phone; the chip is read in seconds.",
                        "thoughts": "That was like tapping a card. No photos to retake.",
                        "channels": ["Mobile app"],
                        "emotion": 4,
                        "metrics": {"Conversion": 88.0, "Time on step": 60},
                        "pains": [("Older phones without NFC fall back to photos", "work-around")],
                        "ideas": [
                            ("Photo fallback with live glare and blur guidance", "blue", "product"),
                            ("Measure NFC success by phone model and publish support list", "purple", "analytics"),
                        ],
                    },
                    {
                        "step": "Takes a selfie photo",
                        "actions": "Takes one selfie, guided by an outline; can pause and finish later.",
                        "thoughts": "Quick. And I could stop if I needed to.",
                        "channels": ["Mobile app"],
                        "emotion": 4,
                        "metrics": {"Conversion": 92.0, "Time on step": 30},
                        "ideas": [("Resume link by email and push if the applicant stops", "green", "quick win")],
                    },
                    {
                        "step": "Gets a decision",
                        "actions": "Gets an instant decision; the few manual reviews show an expected time.",
                        "thoughts": "Approved in under a minute.",
                        "channels": ["Mobile app", "Email"],
                        "emotion": 5,
                        "metrics": {"Conversion": 97.0, "Time on step": 40},
                        "ideas": [
                            ("Manual reviews answered within 4 working hours, with status updates", "yellow", "service")
                        ],
                    },
                ],
            ),
            (
                "Fund and activate",
                [
                    {
                        "step": "Adds money by card",
                        "actions": "Tops up £50 with his old debit card; the balance updates at once.",
                        "thoughts": "There it is.",
                        "channels": ["Mobile app"],
                        "emotion": 4,
                        "metrics": {"Conversion": 88.0, "Time on step": 45},
                    },
                    {
                        "step": "Adds card to phone wallet",
                        "actions": "Adds the virtual card to his phone wallet; the plastic card is on its way.",
                        "thoughts": "I can use it today.",
                        "channels": ["Mobile app"],
                        "emotion": 5,
                        "metrics": {"Conversion": 95.0, "Time on step": 30},
                        "ideas": [("Card colour choice kept: small moment of delight", "green", "delight")],
                    },
                ],
            ),
            (
                "First use",
                [
                    {
                        "step": "Shares details with employer",
                        "actions": "Taps 'Share account details' and sends them to HR.",
                        "thoughts": "Done before Friday, with days to spare.",
                        "channels": ["Mobile app", "Email"],
                        "emotion": 5,
                        "metrics": {"Conversion": 94.0, "Time on step": 25},
                    },
                    {
                        "step": "Makes first card payment",
                        "actions": "Pays for lunch with his phone and gets a notification with the shop's logo.",
                        "thoughts": "It works, and I can see exactly where my money went.",
                        "channels": ["Mobile app", "Store"],
                        "emotion": 5,
                        "metrics": {"Conversion": 95.0, "Time on step": 20},
                        "ideas": [("Salary-day countdown and first budget suggestion", "purple", "engagement")],
                    },
                ],
            ),
        ],
    )
    return journey


# ---------------------------------------------------------------- returns


def returns() -> Journey:
    journey = new_map(
        "Returning an online order",
        description=(
            "The current state of returning clothes bought online from a mid-size fashion retailer, from "
            "deciding to send something back to getting the refund, with contact-centre and survey data."
        ),
        scenario="Hannah's new jacket is a size too small; she wants a refund and the right size before a trip.",
        persona={
            "id": "hannah",
            "name": "Hannah Lee",
            "role": "Nurse manager, 38, shops online on her breaks",
            "goals": ["Get her money back quickly", "Have the right size before a trip in two weeks"],
            "needs": ["A free, simple return without a printer", "To know when the refund will arrive"],
            "quote": "Buying took two minutes. Sending it back has taken me all week.",
            "backstory": (
                "Hannah works shifts and has little time for errands. She orders two sizes when unsure, "
                "and has stopped using one shop because its returns were a hassle."
            ),
        },
        channels=CHANNELS,
    )
    standard_lanes(
        journey,
        metrics=[
            {
                "name": "Contacts per 100 returns",
                "unit": "contacts",
                "format": "count",
                "higher_is_better": False,
                "description": "Calls, chats and emails about returns at this step, per 100 returns.",
            },
            {
                "name": "CSAT",
                "unit": "/5",
                "format": "score",
                "higher_is_better": True,
                "description": "Mean satisfaction from the returns survey, 1-5.",
            },
        ],
    )
    fill(
        journey,
        [
            (
                "Decide to return",
                [
                    {
                        "step": "Tries it on",
                        "actions": "Tries the jacket on at home: too tight across the shoulders.",
                        "thoughts": "The size guide said M. Annoying, I really like it.",
                        "channels": ["Post"],
                        "emotion": 2,
                        "pains": [("Size guide gives body measurements only, no garment measurements", "trivial")],
                        "ideas": [("Fit notes from reviews: 'runs small in the shoulders'", "blue", "content")],
                    },
                    {
                        "step": "Checks the returns policy",
                        "actions": "Searches the website footer for the returns policy.",
                        "thoughts": "Is it free? Do I have 14 or 30 days?",
                        "channels": ["Website"],
                        "emotion": 3,
                        "metrics": {"Contacts per 100 returns": 4, "CSAT": 3.6},
                        "ideas": [("Returns summary in the order confirmation email", "green", "quick win")],
                    },
                ],
            ),
            (
                "Start the return",
                [
                    {
                        "step": "Finds the returns form",
                        "actions": "Logs in, finds the order and starts a return.",
                        "thoughts": "Why can't I exchange for the next size here?",
                        "channels": ["Website", "Mobile app"],
                        "emotion": 2,
                        "metrics": {"Contacts per 100 returns": 9, "CSAT": 3.1},
                        "pains": [
                            ("Guest orders can't be returned online; must phone", "work-around"),
                            ("No exchange option, only refund and reorder", "abandons"),
                        ],
                        "ideas": [("One-tap exchange for another size, stock reserved", "blue", "product")],
                    },
                    {
                        "step": "Prints the label",
                        "actions": "Needs to print a label; asks a colleague to print it at work.",
                        "thoughts": "Who still has a printer at home?",
                        "channels": ["Email"],
                        "emotion": 1,
                        "metrics": {"Contacts per 100 returns": 14, "CSAT": 2.4},
                        "pains": [("Label must be printed; no QR code option", "work-around")],
                        "ideas": [("Printer-free returns: QR code scanned at the drop-off point", "green", "partner")],
                    },
                ],
            ),
            (
                "Send it back",
                [
                    {
                        "step": "Drops at a parcel shop",
                        "actions": "Drops the parcel at a corner-shop parcel point after a shift.",
                        "thoughts": "Quick, and they gave me a receipt.",
                        "channels": ["Store"],
                        "emotion": 4,
                        "metrics": {"Contacts per 100 returns": 2, "CSAT": 4.3},
                    },
                    {
                        "step": "Tracks the parcel",
                        "actions": "Checks the carrier's tracking page a few times.",
                        "thoughts": "Delivered to the warehouse two days ago. Now what?",
                        "channels": ["Website", "Email"],
                        "emotion": 3,
                        "metrics": {"Contacts per 100 returns": 11, "CSAT": 3.2},
                        "pains": [("Tracking stops at the warehouse; the shop sends no update", "work-around")],
                        "ideas": [("Email when the return is received and checked", "yellow", "service")],
                    },
                ],
            ),
            (
                "Get refunded",
                [
                    {
                        "step": "Waits for the refund",
                        "actions": "Waits; after eight days opens a chat to ask where the money is.",
                        "thoughts": "They had my money in seconds. Why does it take two weeks to give it back?",
                        "channels": ["Chat", "Phone"],
                        "emotion": 1,
                        "metrics": {"Contacts per 100 returns": 31, "CSAT": 1.9},
                        "pains": [
                            ("Refunds wait for a batch check, up to 14 days", "work-around"),
                            ("Chat agent can't see the return's status", "work-around"),
                        ],
                        "ideas": [
                            ("Refund on drop-off scan for customers with a good returns history", "purple", "policy"),
                            ("Give chat agents the warehouse status of each return", "blue", "tech"),
                        ],
                    },
                    {
                        "step": "Gets the refund",
                        "actions": "Sees the refund on her card statement.",
                        "thoughts": "Finally. I'll think twice before ordering from them again.",
                        "channels": ["Email"],
                        "emotion": 3,
                        "metrics": {"Contacts per 100 returns": 3, "CSAT": 3.0},
                    },
                ],
            ),
            (
                "Afterwards",
                [
                    {
                        "step": "Reorders the right size",
                        "actions": "Reorders in size L, now at full price as the sale ended.",
                        "thoughts": "I lost the sale price because the refund took so long.",
                        "channels": ["Website"],
                        "emotion": 2,
                        "metrics": {"CSAT": 2.8},
                        "pains": [("Sale price lost while waiting for the refund", "abandons")],
                        "ideas": [("Honour the original price on exchanges and reorders", "purple", "policy")],
                    },
                    {
                        "step": "Leaves a review",
                        "actions": "Gives the shop two stars online: great jacket, slow refund.",
                        "thoughts": "Other people should know the refund takes two weeks.",
                        "channels": ["Review site"],
                        "emotion": 2,
                        "pains": [("Review invitation arrives while the refund is still pending", "trivial")],
                        "ideas": [
                            ("Send the review request after the refund, not after delivery", "green", "quick win")
                        ],
                    },
                ],
            ),
        ],
    )
    return journey


# ---------------------------------------------------------------- service blueprints

# A blueprint step's content: {"step": name, "evidence": str, "customer": str, "emotion": n,
# "customer_notes": {annotation fields for the customer-actions cell},
# "front" / "back" / "support": [(card text, {annotation fields}, key)], where ``key`` (or None)
# names the card for the template's connections: [(from key, to key, label)].
BlueprintCard = tuple[str, dict[str, Any], str | None]


def blueprint_lanes(journey: Journey) -> None:
    """The emotion curve on top, then the five blueprint zones top to bottom."""
    journey.add_lane(
        "Emotion", "emotion", description="How the customer feels, from 1 (very unhappy) to 5 (delighted)."
    )
    journey.add_lane(
        "Physical evidence", "text", id="evidence", zone="evidence", description="What the customer sees or holds."
    )
    journey.add_lane("Customer actions", "text", id="customer", zone="customer", description="What the customer does.")
    journey.add_lane(
        "Frontstage", "cards", id="front", zone="frontstage", description="What staff and screens do in view."
    )
    journey.add_lane(
        "Backstage", "cards", id="back", zone="backstage", description="What staff do out of the customer's sight."
    )
    journey.add_lane(
        "Support processes",
        "cards",
        id="support",
        zone="support",
        description="Systems, departments, partners and policies that make the front and back possible.",
    )


def fill_blueprint(journey: Journey, stages: Stages, connections: Sequence[tuple[str, str, str | None]]) -> None:
    """Add the stages and steps, write each step's content, then draw the connections between cards."""
    for stage_name, steps in stages:
        journey.add_stage(stage_name, steps=[content["step"] for content in steps])
    contents = [content for _, steps in stages for content in steps]
    keys: dict[str, str] = {}
    numbers = dict.fromkeys(("front", "back", "support"), 0)
    for step, content in zip(journey.steps, contents, strict=True):
        journey.set_cell("evidence", step.id, content["evidence"])
        journey.set_cell("customer", step.id, content["customer"])
        journey.set_cell("emotion", step.id, content["emotion"])
        if content.get("customer_notes"):
            journey.annotate("customer", step.id, **content["customer_notes"])
        for lane in ("front", "back", "support"):
            for text, notes, key in content.get(lane, []):
                numbers[lane] += 1
                card = journey.add_card(lane, step.id, text, id=f"{lane}-{numbers[lane]}")
                if notes:
                    journey.annotate(card=card, **notes)
                if key:
                    keys[key] = card
    for start, end, label in connections:
        journey.add_connection(keys[start], keys[end], label=label)


def service_blueprint() -> Journey:
    journey = new_map(
        "Hotel stay: service blueprint",
        description=(
            "A one-night business stay at a 120-room city hotel, from booking to the invoice, with the "
            "front desk, housekeeping, kitchen and systems behind each step. Fail points mark where "
            "internal errors reach the guest; wait points and durations show where the guest waits."
        ),
        scenario="Priya books a room for a client visit, arrives late in the evening and checks out early.",
        persona={
            "id": "priya",
            "name": "Priya Nair",
            "role": "Sales consultant, 38, travels twice a month",
            "goals": ["A quiet room and a good night's sleep", "An invoice her company accepts first time"],
            "needs": ["Fast check-in after a long day", "Breakfast before a 7:30 taxi"],
            "quote": "I don't need a welcome drink. I need my key and a working shower.",
            "backstory": "Priya's expenses are checked by a strict finance team; a wrong invoice costs her an evening.",
        },
        channels=CHANNELS,
    )
    blueprint_lanes(journey)
    fill_blueprint(
        journey,
        [
            (
                "Before arrival",
                [
                    {
                        "step": "Books a room",
                        "evidence": "Hotel website, room photos, booking confirmation email",
                        "customer": "Compares rates and books a standard double with breakfast online.",
                        "emotion": 4,
                        "customer_notes": {"duration": (6, "minutes")},
                        "front": [
                            (
                                "Booking engine shows rates and takes the card",
                                {"owner": "E-commerce team", "cost": (1.9, "EUR")},
                                "booking",
                            )
                        ],
                        "back": [
                            (
                                "Reservations agent checks special requests each morning",
                                {"owner": "Reservations", "duration": (2, "minutes")},
                                "requests",
                            )
                        ],
                        "support": [
                            (
                                "Channel manager syncs availability with the property system",
                                {
                                    "fail_point": "Sync lags 15 minutes, so the last room can be sold twice",
                                    "owner": "IT",
                                },
                                "sync",
                            )
                        ],
                    },
                    {
                        "step": "Gets a pre-arrival email",
                        "evidence": "Pre-arrival email with online check-in link",
                        "customer": "Fills in arrival time and company invoice details online.",
                        "emotion": 4,
                        "customer_notes": {"duration": (3, "minutes")},
                        "front": [("Online check-in form asks for arrival time and invoice address", {}, "precheck")],
                        "back": [
                            (
                                "Front office copies invoice details into the guest folio",
                                {
                                    "fail_point": "Company details retyped by hand and sometimes mistyped",
                                    "owner": "Front office",
                                    "duration": (4, "minutes"),
                                },
                                "folio",
                            )
                        ],
                        "support": [
                            ("Email platform sends the message 48 hours before arrival", {"owner": "Marketing"}, None)
                        ],
                    },
                ],
            ),
            (
                "Arrival",
                [
                    {
                        "step": "Checks in",
                        "evidence": "Lobby, front desk, key card, registration card",
                        "customer": "Queues at the desk, shows ID and gets a key card.",
                        "emotion": 2,
                        "customer_notes": {
                            "wait_point": "Queue behind a coach group arriving at the same time",
                            "duration": (12, "minutes"),
                        },
                        "front": [
                            (
                                "Receptionist finds the booking, checks ID and encodes a key",
                                {"owner": "Front desk", "duration": (4, "minutes"), "cost": (3.5, "EUR")},
                                "checkin",
                            )
                        ],
                        "back": [
                            (
                                "Housekeeping marks rooms clean in the system",
                                {
                                    "fail_point": "Clean rooms not released in time, so guests wait for a room",
                                    "owner": "Housekeeping",
                                },
                                "release",
                            )
                        ],
                        "support": [
                            ("Property management system holds room status", {"owner": "IT"}, "pms"),
                            (
                                "Key card encoder at the desk",
                                {"fail_point": "Encoder jams about once a week", "owner": "Maintenance"},
                                None,
                            ),
                        ],
                    },
                    {
                        "step": "Goes to the room",
                        "evidence": "Lift, corridor signs, the room itself",
                        "customer": "Finds the room, unpacks and tries the shower.",
                        "emotion": 3,
                        "front": [("Room is ready: bed made, towels, welcome card", {}, None)],
                        "back": [
                            (
                                "Room attendant cleans and checks the room",
                                {"owner": "Housekeeping", "duration": (30, "minutes"), "cost": (14, "EUR")},
                                "clean",
                            )
                        ],
                        "support": [
                            ("Maintenance log for faults reported by attendants", {"owner": "Maintenance"}, None)
                        ],
                    },
                ],
            ),
            (
                "Stay",
                [
                    {
                        "step": "Orders room service",
                        "evidence": "In-room menu, phone, tray and bill to sign",
                        "customer": "Orders a late dinner by phone and eats in the room.",
                        "emotion": 3,
                        "customer_notes": {"wait_point": "Food takes longer than quoted", "duration": (40, "minutes")},
                        "front": [
                            (
                                "Night agent takes the order and quotes 25 minutes",
                                {"owner": "Front desk", "duration": (3, "minutes")},
                                "order",
                            ),
                            ("Server brings the tray and the bill", {"owner": "Food and beverage"}, None),
                        ],
                        "back": [
                            (
                                "One night cook prepares room service and bar food",
                                {
                                    "fail_point": "A single cook at night, so quoted times slip",
                                    "owner": "Kitchen",
                                    "duration": (25, "minutes"),
                                    "cost": (9.8, "EUR"),
                                },
                                "cook",
                            )
                        ],
                        "support": [("Point-of-sale posts the charge to the room", {"owner": "Finance"}, "pos")],
                    }
                ],
            ),
            (
                "Departure",
                [
                    {
                        "step": "Checks out",
                        "evidence": "Folio printout, express checkout box",
                        "customer": "Drops the key in the express box at 7:15 and takes a taxi.",
                        "emotion": 4,
                        "customer_notes": {"duration": (2, "minutes")},
                        "front": [("Express checkout box in the lobby", {}, None)],
                        "back": [
                            (
                                "Night auditor closes folios and checks charges",
                                {"owner": "Night audit", "duration": (5, "minutes")},
                                "audit",
                            )
                        ],
                        "support": [("Card payment captured by the payment provider", {"cost": (0.6, "EUR")}, None)],
                    },
                    {
                        "step": "Gets the invoice",
                        "evidence": "Invoice PDF by email",
                        "customer": "Forwards the invoice to her finance team for approval.",
                        "emotion": 2,
                        "customer_notes": {
                            "wait_point": "Invoice arrives the next day, not at checkout",
                            "duration": (1, "days"),
                        },
                        "front": [
                            (
                                "Invoice emailed from the property system",
                                {"fail_point": "Wrong company address when the folio was mistyped"},
                                "invoice",
                            )
                        ],
                        "back": [
                            (
                                "Accounts reissue corrected invoices on request",
                                {"owner": "Accounts", "duration": (2, "days"), "cost": (12, "EUR")},
                                "reissue",
                            )
                        ],
                        "support": [
                            ("Invoice template and tax rules in the finance system", {"owner": "Finance"}, None)
                        ],
                    },
                ],
            ),
        ],
        [
            ("booking", "sync", "needs live availability"),
            ("booking", "requests", None),
            ("precheck", "folio", "invoice details"),
            ("checkin", "pms", "looks up the booking"),
            ("release", "checkin", "room must be released first"),
            ("clean", "release", None),
            ("order", "cook", "ticket to the kitchen"),
            ("cook", "pos", "charge posted to the room"),
            ("audit", "invoice", None),
            ("folio", "invoice", "company address"),
            ("invoice", "reissue", "when the invoice is wrong"),
        ],
    )
    return journey


def restaurant_order() -> Journey:
    journey = new_map(
        "Restaurant order: service blueprint",
        description=(
            "A Friday-evening dinner for two at a 60-cover neighbourhood bistro that takes walk-ins and "
            "table bookings, from arriving at the door to the review. The kitchen ticket system and the "
            "payment terminal are the main support processes."
        ),
        scenario="Marco and a friend walk in at 19:45 without a booking and stay for a two-course dinner.",
        persona={
            "id": "marco",
            "name": "Marco Bianchi",
            "role": "Nurse, 29, eats out most Fridays",
            "goals": ["A relaxed dinner after a long week", "Split the bill without fuss"],
            "needs": ["An honest wait time at the door", "Food that arrives together for both"],
            "quote": "I'll wait twenty minutes if you tell me it's twenty minutes.",
            "backstory": "Marco works shifts and picks places nearby; one bad evening and he tries somewhere else.",
        },
        channels=CHANNELS,
    )
    blueprint_lanes(journey)
    fill_blueprint(
        journey,
        [
            (
                "Arrive",
                [
                    {
                        "step": "Asks for a table",
                        "evidence": "Door, host stand, waiting list on a tablet",
                        "customer": "Asks for a table for two and gives a phone number for the waiting list.",
                        "emotion": 3,
                        "customer_notes": {
                            "wait_point": "No table free: quoted 15 minutes, waits at the bar",
                            "duration": (22, "minutes"),
                        },
                        "front": [
                            (
                                "Host checks the floor plan and quotes a wait",
                                {
                                    "fail_point": "Quote is a guess because table status is not updated",
                                    "owner": "Host",
                                    "duration": (1, "minutes"),
                                },
                                "quote",
                            )
                        ],
                        "back": [
                            (
                                "Busser clears and resets tables",
                                {"owner": "Floor team", "duration": (6, "minutes")},
                                "reset",
                            )
                        ],
                        "support": [
                            (
                                "Table management app with the waiting list",
                                {"owner": "Restaurant manager", "cost": (0.2, "EUR")},
                                "tables",
                            )
                        ],
                    },
                    {
                        "step": "Is seated",
                        "evidence": "SMS 'your table is ready', menus, water carafe",
                        "customer": "Gets a text, is walked to a table by the window.",
                        "emotion": 4,
                        "front": [("Host seats guests and hands over menus", {"owner": "Host"}, "seat")],
                        "back": [("Section plan assigns the table to a server", {"owner": "Floor manager"}, None)],
                        "support": [("SMS gateway sends the table-ready text", {"cost": (0.05, "EUR")}, "sms")],
                    },
                ],
            ),
            (
                "Order and eat",
                [
                    {
                        "step": "Orders",
                        "evidence": "Menu, specials board, server's handheld",
                        "customer": "Asks about the specials and orders two mains and a bottle of wine.",
                        "emotion": 4,
                        "customer_notes": {
                            "wait_point": "Server takes 10 minutes to come over",
                            "duration": (12, "minutes"),
                        },
                        "front": [
                            (
                                "Server takes the order on a handheld",
                                {"owner": "Server", "duration": (4, "minutes"), "cost": (2.1, "EUR")},
                                "order",
                            )
                        ],
                        "back": [
                            (
                                "Bar pours the wine",
                                {"owner": "Bar", "duration": (3, "minutes")},
                                None,
                            )
                        ],
                        "support": [
                            (
                                "Point-of-sale sends tickets to the kitchen display",
                                {
                                    "fail_point": "Wi-Fi drops at the back tables and orders do not send",
                                    "owner": "Restaurant manager",
                                },
                                "pos",
                            )
                        ],
                    },
                    {
                        "step": "Eats the mains",
                        "evidence": "Plates, cutlery, the food itself",
                        "customer": "Gets one main, then the other four minutes later.",
                        "emotion": 2,
                        "customer_notes": {"wait_point": "Mains arrive one at a time", "duration": (28, "minutes")},
                        "front": [("Runner brings the plates to the table", {"owner": "Floor team"}, "run")],
                        "back": [
                            (
                                "Line cooks fire both mains from the ticket",
                                {
                                    "fail_point": "Grill and pasta fire separately; plates are not ready together",
                                    "owner": "Head chef",
                                    "duration": (18, "minutes"),
                                    "cost": (11.5, "EUR"),
                                },
                                "fire",
                            ),
                            ("Expediter checks plates at the pass", {"owner": "Sous chef"}, "pass"),
                        ],
                        "support": [
                            (
                                "Kitchen display system with ticket timers",
                                {"owner": "Head chef"},
                                "kds",
                            ),
                            (
                                "Morning produce delivery and prep lists",
                                {"owner": "Purchasing", "cost": (6.4, "EUR")},
                                None,
                            ),
                        ],
                    },
                ],
            ),
            (
                "Pay and leave",
                [
                    {
                        "step": "Pays and splits the bill",
                        "evidence": "Bill folder, card terminal, receipt",
                        "customer": "Asks to split the bill in two and pays by card.",
                        "emotion": 3,
                        "customer_notes": {
                            "wait_point": "Waits for the one shared card terminal",
                            "duration": (9, "minutes"),
                        },
                        "front": [
                            (
                                "Server splits the bill and brings the terminal",
                                {"owner": "Server", "duration": (5, "minutes")},
                                "split",
                            )
                        ],
                        "back": [("Manager closes the table on the point-of-sale", {"owner": "Floor manager"}, None)],
                        "support": [
                            (
                                "Card terminal and payment provider",
                                {
                                    "fail_point": "One terminal for the whole floor on busy nights",
                                    "owner": "Restaurant manager",
                                    "cost": (1.3, "EUR"),
                                },
                                "terminal",
                            )
                        ],
                    },
                    {
                        "step": "Leaves a review",
                        "evidence": "Review request email, review site",
                        "customer": "Gives four stars: lovely food, mains came apart, long wait to pay.",
                        "emotion": 3,
                        "front": [("Follow-up email asks for a review the next day", {"owner": "Marketing"}, "review")],
                        "back": [
                            (
                                "Manager replies to reviews on Mondays",
                                {"owner": "Restaurant manager", "duration": (10, "minutes")},
                                "reply",
                            )
                        ],
                        "support": [("Booking platform sends the review email", {"cost": (0.1, "EUR")}, None)],
                    },
                ],
            ),
        ],
        [
            ("quote", "tables", "reads table status"),
            ("reset", "tables", "marks table free"),
            ("tables", "sms", "table ready"),
            ("sms", "seat", None),
            ("order", "pos", "sends the order"),
            ("pos", "kds", "ticket to the kitchen"),
            ("kds", "fire", None),
            ("fire", "pass", None),
            ("pass", "run", "plates ready"),
            ("split", "terminal", "card payment"),
            ("review", "reply", None),
        ],
    )
    return journey


BUILDERS: dict[str, Callable[[], Journey]] = {
    "blank": blank,
    "buyers-journey": buyers_journey,
    "day-in-the-life": day_in_the_life,
    "onboarding": onboarding,
    "future-state": future_state,
    "returns": returns,
    "service-blueprint": service_blueprint,
    "restaurant-order": restaurant_order,
}


def render(journey: Journey) -> str:
    """The exact text of a template file."""
    return journey.to_json() + "\n"


def build_templates() -> dict[str, str]:
    """Template name -> file text, for every builder."""
    return {name: render(builder()) for name, builder in BUILDERS.items()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--check", action="store_true", help="report files that differ; write nothing")
    args = parser.parse_args(argv)
    stale: list[str] = []
    for name, text in build_templates().items():
        path = TEMPLATE_DIR / f"{name}.json"
        current = path.read_text(encoding="utf-8") if path.exists() else None
        if current == text:
            continue
        stale.append(name)
        if not args.check:
            path.write_text(text, encoding="utf-8")
            print(f"wrote {path.relative_to(TEMPLATE_DIR.parent.parent.parent)}")
    extra = sorted(p.stem for p in TEMPLATE_DIR.glob("*.json") if p.stem not in BUILDERS)
    if extra:
        print(f"no builder for: {', '.join(extra)} (delete the files or add builders)", file=sys.stderr)
    if args.check and (stale or extra):
        print(f"out of date: {', '.join(stale) or 'none'}; run python scripts/make_templates.py", file=sys.stderr)
        return 1
    if not stale:
        print("templates are up to date")
    return 0


if __name__ == "__main__":
    sys.exit(main())
