"""Pieces several rules share: the naming rule of the fixes, the normalizer_params checks, and the
batch norms whose updates go to UPDATE_OPS."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator, Optional

from astroid import nodes

from .. import fixes as edits
from .. import tfapi
from ..context import Context, LayerCall
from ..findings import Fix
from ..resolve import VisibleDict


def training_choices(name: Optional[str]) -> list[tuple[str, bool]]:
    """(value, preferred) pairs a fix offers for is_training/training: the name in scope,
    preferred; with none, both literals and neither preferred (only the user knows)."""
    if name is not None:
        return [(name, True)]
    return [("False", False), ("True", False)]


def pass_argument_fixes(ctx: Context, call: nodes.Call, key: str) -> list[Fix]:
    """BN002/BN003: pass `key=<name>` (preferred), or both literal choices when no name is in scope."""
    return [
        Fix(f"Pass {key}={value}", (edits.add_argument(ctx.document, call, f"{key}={value}"),), preferred)
        for value, preferred in training_choices(ctx.training_name(call))
    ]


def defaulted_training_flag(ctx: Context, site, scope_names: frozenset) -> Optional[str]:
    """The flag (`is_training` / `training`) a batch norm or dropout call leaves at its default, or None.

    Shared by BN002, BN003 and BN011: passed as a keyword, by position, in a visible `**{...}`
    or by a partial counts; unseen `**kwargs` / `*args` stay silent; for the contrib family an
    arg_scope on one of `scope_names` (same arg_scope stack) that supplies it counts, lexically
    or around every call of the enclosing function. tf.layers functions take no arg_scope.
    """
    key = "is_training" if site.family == "contrib" else "training"
    if site.args.unknown or site.args.has(key, site.training_position):
        return None
    if site.family == "contrib" and ctx.supplied_by_arg_scope(site.call, ctx.api_matcher(scope_names, site.library), key):
        return None
    return key


def is_literal(node, value) -> bool:
    return isinstance(node, nodes.Const) and node.value is value and type(node.value) is type(value)


def literal_is(ctx: Context, node, value) -> bool:
    """is_literal, also through a name bound once to the literal (`FREEZE = False`)."""
    return node is not None and is_literal(ctx.resolver.constant(node), value)


# -- normalizer_fn / normalizer_params ------------------------------------------------------


def normalizer_library(layer: LayerCall) -> Optional[str]:
    api = layer.normalizer.api if layer.normalizer is not None else None
    return api.library if api is not None else None


def partial_binds(layer: LayerCall, key: str) -> bool:
    normalizer = layer.normalizer
    return normalizer is not None and normalizer.kind == "partial" and (key in normalizer.keywords or "**" in normalizer.keywords)


def batch_norm_gets(ctx: Context, layer: LayerCall, key: str, params: Optional[VisibleDict]) -> bool:
    """Does the batch norm this layer calls receive `key` from params, a partial, or an arg_scope?"""
    if params is not None and key in params.keys:
        return True
    if partial_binds(layer, key):
        return True
    return ctx.supplied_by_arg_scope(layer.call, ctx.batch_norm_matcher(normalizer_library(layer)), key)


def channels_first(node) -> bool:
    return isinstance(node, nodes.Const) and isinstance(node.value, str) and node.value.upper().startswith("NC")



@dataclass
class ParamsState:
    """What a layer call's normalizer_params is."""

    missing: bool  # not passed, or passed as None
    keyword: Optional[nodes.Keyword]  # the explicit keyword (None when missing or from **)
    visible: Optional[VisibleDict]  # the dict, when every key can be seen


def params_state(ctx: Context, layer: LayerCall) -> Optional[ParamsState]:
    """None when normalizer_params cannot be seen (a **mapping, an unknown name): rules stay silent."""
    value = layer.args.keywords.get("normalizer_params")
    keyword = layer.args.keyword_nodes.get("normalizer_params")
    if value is None:
        if layer.args.opaque_keywords:
            return None
        if ctx.supplied_by_arg_scope(layer.call, ctx.layer_matcher(layer.api), "normalizer_params"):
            return None
        return ParamsState(True, None, None)
    if is_literal(value, None):
        return ParamsState(True, keyword, None)
    visible = ctx.resolver.visible_dict(value)
    if visible is None:
        return None
    return ParamsState(False, keyword, visible)


def needs_normalizer_params(ctx: Context, layer: LayerCall) -> bool:
    """BN004's condition on a layer call."""
    if layer.normalizer_keyword is None or layer.normalizer_family is None:
        return False
    state = params_state(ctx, layer)
    if state is None or not state.missing:
        return False
    if layer.normalizer_family == "core":
        return not partial_binds(layer, "training")
    if ctx.supplied_by_arg_scope(layer.call, ctx.batch_norm_matcher(normalizer_library(layer)), "is_training"):
        return False
    if partial_binds(layer, "is_training"):
        return "trainable" in layer.args.keyword_nodes and not partial_binds(layer, "trainable")
    return True


def trainable_left_behind(ctx: Context, layer: LayerCall) -> Optional[nodes.Keyword]:
    """BN006 on a layer with no normalizer_params while BN004 is silent (an arg_scope or a
    partial gives batch norm is_training): its `trainable=` keyword, when batch norm does not
    get `trainable` some other way."""
    if layer.normalizer_family != "contrib" or layer.normalizer_keyword is None:
        return None
    keyword = layer.args.keyword_nodes.get("trainable")
    if keyword is None or literal_is(ctx, keyword.value, True):
        return None
    state = params_state(ctx, layer)
    if state is None or not state.missing or needs_normalizer_params(ctx, layer):
        return None
    if batch_norm_gets(ctx, layer, "trainable", None):
        return None
    return keyword


def forwarded_data_format(ctx: Context, layer: LayerCall) -> Optional[str]:
    """The channels-first data_format expression BN007 wants forwarded, if it applies to this call."""
    if layer.normalizer_family != "contrib":
        return None
    expression = layer.args.keywords.get("data_format")
    value = ctx.resolver.constant(expression) if expression is not None else None
    if value is None or not channels_first(value):
        return None
    state = params_state(ctx, layer)
    if state is None:
        return None
    if batch_norm_gets(ctx, layer, "data_format", state.visible):
        return None
    if value.value != "NCHW":
        # batch_norm accepts only NHWC/NCHW; NCHW (axis 1) is right for NCW and NCDHW inputs too
        quote = ctx.text(value)[:1]
        return f"{quote}NCHW{quote}"
    return ctx.text(expression)


def normalizer_params_fixes(ctx: Context, layer: LayerCall, anchor_call: nodes.Call, anchor, trainable=None) -> list[Fix]:
    """Insert normalizer_params after `anchor` (the normalizer_fn= keyword) in `anchor_call`.

    Shared by BN004 and BN007 so that both findings offer the same merged edit.
    """
    doc = ctx.document
    key = "training" if layer is not None and layer.normalizer_family == "core" else "is_training"
    trainable_node = trainable if trainable is not None else (layer.args.keyword_nodes.get("trainable") if layer else None)
    trainable_text = ctx.text(trainable_node.value) if trainable_node is not None else None
    data_format = forwarded_data_format(ctx, layer) if layer is not None else None
    needs_training = layer is None or needs_normalizer_params(ctx, layer)
    choices: list[tuple[Optional[str], bool]]
    if not needs_training:
        choices = [(None, True)]
    else:
        fallback = trainable_text if key == "is_training" else None
        choices = training_choices(ctx.training_name(anchor_call) or fallback)
    forwards_trainable = needs_training or (layer is not None and trainable_left_behind(ctx, layer) is not None)
    existing = layer.args.keyword_nodes.get("normalizer_params") if layer is not None else None
    result = []
    for value, preferred in choices:
        entries = []
        if value is not None:
            entries.append((key, value))
        if trainable_text is not None and key == "is_training" and forwards_trainable:
            entries.append(("trainable", trainable_text))
        if data_format is not None:
            entries.append(("data_format", data_format))
        literal = edits.dict_literal(doc, entries)
        if existing is not None:  # normalizer_params=None: replace the None
            edit = edits.replace_node(doc, existing.value, literal)
        else:
            edit = edits.add_argument(doc, anchor_call, f"normalizer_params={literal}", after=anchor)
        result.append(Fix(f"Pass normalizer_params={literal}", (edit,), preferred))
    return result


def add_entry_fixes(ctx: Context, visible: VisibleDict, key: str, node_for_name, fallback: Optional[str]) -> list[Fix]:
    """Add `'key': X` to a visible dict, X by the naming rule (else `fallback`, else both literals)."""
    return [
        Fix(f"Add '{key}': {value} to normalizer_params", (edits.add_dict_entry(ctx.document, visible.node, key, value),), preferred)
        for value, preferred in training_choices(ctx.training_name(node_for_name) or fallback)
    ]


def callee_text(ctx: Context, call: nodes.Call) -> str:
    text = ctx.text(call.func)
    return text if len(text) <= 60 else text[:57] + "..."


# -- batch norm sites whose updates land in UPDATE_OPS ----------------------------------------------


def update_sites(ctx) -> list:
    """(node, what) for each place that builds batch norm whose updates go to UPDATE_OPS (BN001,
    BN008, and the project summary of the file: computed once per file).

    Sites that make no update ops do not count: contrib batch norm given
    updates_collections=None, any batch norm given the literal is_training/training=False.
    """
    found = ctx.__dict__.get("_update_sites")
    if found is None:
        found = ctx.__dict__["_update_sites"] = list(_update_sites(ctx)) if ctx.spells_batch_norm else []
    return found


def _update_sites(ctx) -> Iterator[tuple]:
    for bn in ctx.batch_norm_calls:
        if bn.args.opaque_keywords:
            continue
        if bn.family == "contrib":
            matcher = ctx.batch_norm_matcher(bn.library)
            collections = bn.args.get("updates_collections", tfapi.CONTRIB_BN_POSITIONS["updates_collections"])
            if collections is None:
                collections = ctx.arg_scope_value(bn.call, matcher, "updates_collections")
            training = bn.args.get("is_training", bn.training_position)
            if training is None:
                training = ctx.arg_scope_value(bn.call, matcher, "is_training")
            if literal_is(ctx, collections, None) or literal_is(ctx, training, False):
                continue
        elif literal_is(ctx, bn.args.get("training", bn.training_position), False):
            continue
        yield bn.call.func, "batch norm whose moving-average updates go to UPDATE_OPS"
    for layer in ctx.layer_calls:
        if layer.normalizer_keyword is None or layer.normalizer_family is None:
            continue
        state = params_state(ctx, layer)
        if state is None:
            continue
        # what batch norm is called with: the params' keys over a partial's keywords
        keys = {**_partial_keywords(layer.normalizer), **(state.visible.keys if state.visible is not None else {})}
        if layer.normalizer_family == "contrib":
            matcher = ctx.batch_norm_matcher(normalizer_library(layer))
            collections = keys.get("updates_collections") or ctx.arg_scope_value(layer.call, matcher, "updates_collections")
            training = keys.get("is_training") or ctx.arg_scope_value(layer.call, matcher, "is_training")
            if literal_is(ctx, collections, None) or literal_is(ctx, training, False):
                continue
        elif literal_is(ctx, keys.get("training"), False):
            continue
        yield layer.normalizer_keyword, "batch norm (as normalizer_fn) whose updates go to UPDATE_OPS"
    for scope in ctx.arg_scopes:
        normalizer = scope.args.keywords.get("normalizer_fn")
        value = ctx.resolver.value(normalizer) if normalizer is not None else None
        if ctx.normalizer_family(value) is None:
            continue
        # the keyword in this `with`, or the value inside the function that returns the arg_scope
        keyword = scope.args.keyword_nodes.get("normalizer_fn") or normalizer
        keys = _partial_keywords(value)
        params = scope.args.keywords.get("normalizer_params")
        if params is not None:
            visible = ctx.resolver.visible_dict(params)
            if visible is None:
                continue
            keys.update(visible.keys)
        if literal_is(ctx, keys.get("updates_collections"), None) or literal_is(ctx, keys.get("is_training"), False):
            continue
        if literal_is(ctx, keys.get("training"), False):
            continue
        yield keyword, "batch norm handed out by this arg_scope, whose updates go to UPDATE_OPS"


def is_update_ops_key(key) -> bool:
    """`tf.GraphKeys.UPDATE_OPS` (any spelling) or its value, the string "update_ops"."""
    if isinstance(key, nodes.Attribute) and key.attrname == "UPDATE_OPS":
        return True
    return isinstance(key, nodes.Const) and key.value == "update_ops"


def _partial_keywords(value) -> dict:
    """The keywords a functools.partial normalizer binds (`partial(slim.batch_norm, is_training=False)`)."""
    if value is None or value.kind != "partial":
        return {}
    return {k: v for k, v in value.keywords.items() if k != "**"}


def arg_scope_key_not_forwarded(ctx: Context, scope, key: str):
    """(keyword, visible params) when an arg_scope hands its layer functions
    normalizer_fn=<contrib batch norm>, a visible normalizer_params and `key=...`, but neither
    the params nor any arg_scope on batch norm around or inside it give batch norm `key`
    (`arg_scope([conv2d], data_format='NCHW', normalizer_fn=batch_norm, normalizer_params=p)`)."""
    keyword = scope.args.keyword_nodes.get(key)
    normalizer = scope.args.keywords.get("normalizer_fn")
    params = scope.args.keywords.get("normalizer_params")
    if keyword is None or normalizer is None or params is None or scope.saved:
        return None
    if not any(api is not None and tfapi.layer_scope_key(api.name) for api in scope.ops):
        return None
    value = ctx.resolver.value(normalizer)
    if ctx.normalizer_family(value) != "contrib" or key in _partial_keywords(value) or "**" in (value.keywords if value.kind == "partial" else {}):
        return None
    visible = ctx.resolver.visible_dict(params)
    if visible is None or key in visible.keys:
        return None
    matcher = ctx.batch_norm_matcher(value.api.library)
    if ctx.supplied_by_arg_scope(scope.call, matcher, key):
        return None
    for other in ctx.arg_scopes:  # the same `with`, or nested in its body (or this very scope)
        if other.covers(matcher, key) and (other.with_node is scope.with_node or scope.with_node in other.with_node.node_ancestors()):
            return None
    return keyword, visible
