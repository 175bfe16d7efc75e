"""Start: a template, a file, an existing portal, or a blank setup."""

import streamlit as st

from hubwizard import configfile, editing, setups, templates
from hubwizard.config import Portal
from hubwizard.hubspot_rules import Tier
from hubwizard.ui import nav
from hubwizard.ui import questionnaire as questionnaire_panel
from hubwizard.ui.state import bound, say, wizard

TIERS = [t.value for t in Tier]
TIER_COLOURS = {"free": "gray", "starter": "blue", "professional": "orange", "enterprise": "violet"}


# --- callbacks ----------------------------------------------------------------------------


def use_template(slug: str, install: bool = False) -> None:
    w = wizard()
    template = templates.get_template(slug)
    w.replace(template.fresh_config(), f"template:{slug}")
    w.install = install
    nav.go("provision" if install else "pipelines")
    if not install:
        say(
            "success", f"Template “{template.title}” loaded: shape it step by step, or go straight to Review."
        )


def load_upload(key: str) -> None:
    w = wizard()
    upload = st.session_state.get(key)
    if upload is None:
        return
    if not upload.getvalue().strip():
        w.upload_problems = []
        say(
            "error",
            f"{upload.name} is empty. Upload the file you downloaded from Review (YAML or JSON), "
            "or start from a template.",
        )
        return
    try:
        loaded = configfile.loads(upload.getvalue(), upload.name)
    except configfile.ConfigError as exc:
        w.upload_problems = [str(p) for p in exc.problems]
        return
    w.replace(loaded.config, f"file:{upload.name}")
    w.nonces["start.upload"] = w.nonces.get("start.upload", 0) + 1
    say(
        "success",
        f"Loaded {upload.name}: {', '.join(templates.contents(loaded.config)) or 'an empty setup'}.",
    )


def start_blank() -> None:
    w = wizard()
    config = editing.blank_setup(
        st.session_state.get("start.blank.name"), st.session_state.get("start.blank.tier")
    )
    w.replace(config, "blank")
    say("success", f"Blank setup “{config.name}” started: add a pipeline first.")


def continue_setup(setup_id: str) -> None:
    w = wizard()
    try:
        w.open_saved(setups.load(setup_id))
    except setups.SetupError as exc:
        say("error", f"That setup cannot be opened: {exc}.")
        return
    nav.go("pipelines")
    say("success", f"Welcome back to “{w.config.name}”: everything is as you left it.")


def import_from_portal() -> None:
    from hubwizard.ui import portal  # the HubSpot client loads when a portal is used

    portal.import_portal(wizard())


def set_name(value: str) -> None:
    if not (value or "").strip():
        raise editing.EditRefused("the setup needs a name")
    wizard().config.name = value.strip()


def set_description(value: str) -> None:
    wizard().config.description = (value or "").strip() or None


def set_tier(value: str) -> None:
    wizard().config.portal = Portal(tier=value)


# --- page -------------------------------------------------------------------------------

nav.header("start")
w = wizard()

if w.source:
    with st.container(border=True):
        st.markdown(f"**You are editing “{w.config.name}”** ({editing.source_words(w.source)}).")
        st.caption(" · ".join(templates.contents(w.config)) or "Nothing in it yet.")
        left, middle, right = st.columns([2, 3, 1.5])
        with left:
            bound(st.text_input, "Setup name", "setup.name", w.config.name, set_name)
        with middle:
            bound(
                st.text_input, "Description", "setup.description", w.config.description or "", set_description
            )
        with right:
            bound(
                st.selectbox,
                "HubSpot tier",
                "setup.tier",
                w.config.tier.value,
                set_tier,
                options=TIERS,
                format_func=str.capitalize,
                help="The subscription of the portal you will provision: it decides what HubSpot allows.",
            )
        st.page_link(
            nav.step("pipelines").file, label="Continue: Pipelines & stages", icon=":material/arrow_forward:"
        )
    st.caption(
        "Starting again below opens a new setup: this one stays saved on this computer, listed under "
        "Recent setups."
    )

recent = [info for info in setups.recent() if info.id != w.setup_id]
if recent:
    with st.expander(f"Recent setups ({len(recent)})", expanded=not w.source, icon=":material/history:"):
        for info in recent:
            left, right = st.columns([5, 1], vertical_alignment="center")
            left.markdown(
                f"**{info.name}** · {editing.source_words(info.source)} · saved {editing.ago(info.saved_at)}"
                + (f"  \n:small[{info.contents}]" if info.contents else "")
            )
            right.button(
                "Continue",
                key=f"start.continue.{info.id}",
                on_click=continue_setup,
                args=(info.id,),
                icon=":material/edit:",
                width="stretch",
            )

START_TABS = ("Templates", "Upload a file", "Import from a portal", "Start blank")


def templates_tab() -> None:
    """The gallery: each template with what it creates, to use or install."""
    st.markdown(
        "Each template is a complete setup that follows the Sales Hub guide. **Use** it to shape it "
        "step by step, or **install** it straight into a portal: you see the plan before anything is written."
    )
    columns = st.columns(2)
    for n, template in enumerate(templates.list_templates()):
        with columns[n % 2].container(border=True):
            st.markdown(f"#### {template.title}")
            tier = template.tier
            badges = [f":{TIER_COLOURS.get(tier, 'gray')}-badge[HubSpot {tier.capitalize()}]"]
            badges += [f":gray-badge[{tag}]" for tag in template.tags]
            st.markdown(" ".join(badges))
            st.write(template.description)
            st.markdown("\n".join(f"- {line}" for line in templates.contents(template.config)))
            use, install = st.columns(2)
            use.button(
                "Use this template",
                key=f"start.use.{template.slug}",
                on_click=use_template,
                args=(template.slug,),
                type="primary",
                icon=":material/edit:",
                width="stretch",
            )
            install.button(
                "Install into a portal",
                key=f"start.install.{template.slug}",
                on_click=use_template,
                args=(template.slug, True),
                icon=":material/bolt:",
                width="stretch",
                help="Loads the template and opens Provision with the plan for the chosen portal.",
            )


def upload_tab() -> None:
    """A setup file saved before; its problems listed with their place."""
    w = wizard()
    st.markdown("A setup file you saved before (YAML or JSON, as the Review page downloads it).")
    upload_key = f"start.upload#{w.nonces.get('start.upload', 0)}"
    st.file_uploader(
        "Setup file",
        type=["yaml", "yml", "json"],
        key=upload_key,
        on_change=load_upload,
        args=(upload_key,),
    )
    if w.upload_problems:
        st.error(
            f"This file can't be used yet: {editing.plural(len(w.upload_problems), 'problem')}. Each line says where "
            "(file:line:column), what, and why. Fix them in the file and upload it again.",
            icon=":material/error:",
        )
        st.code("\n".join(w.upload_problems), language=None)


def portal_tab() -> None:
    """Start from a portal's pipelines, properties, objects and workflows."""
    w = wizard()
    st.markdown(
        "Start from what a portal already has: its pipelines, custom properties, custom objects and "
        "workflows become your setup, pinned to the portal's ids."
    )
    from hubwizard.ui import portal

    portal.picker()
    st.button(
        "Read the portal and start from it",
        key="start.import",
        on_click=import_from_portal,
        type="primary",
        icon=":material/download:",
    )
    if w.imported_skipped:
        with st.expander(
            f"{editing.plural(len(w.imported_skipped), 'item')} the setup format cannot hold "
            f"{'was' if len(w.imported_skipped) == 1 else 'were'} left out"
        ):
            st.markdown("\n".join(f"- {item}" for item in w.imported_skipped))


def blank_tab() -> None:
    """A name and a tier, nothing else."""
    st.text_input("Setup name", value=editing.DEFAULT_SETUP_NAME, key="start.blank.name")
    st.selectbox(
        "HubSpot tier",
        TIERS,
        index=TIERS.index(editing.DEFAULT_TIER),
        key="start.blank.tier",
        format_func=str.capitalize,
    )
    st.button("Start blank", key="start.blank", on_click=start_blank, icon=":material/add:")


questionnaire_panel.section()  # "Design my setup", beside the templates

# Only the open tab is drawn (on_change="rerun"): the portal tab brings the HubSpot client and
# pandas along, which the first page people see does not need.
for tab, draw in zip(
    st.tabs(START_TABS, key="start.tab", on_change="rerun"),
    (templates_tab, upload_tab, portal_tab, blank_tab),
    strict=True,
):
    if tab.open:
        with tab:
            draw()

nav.footer("start")
