import { useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { emojiUrl } from "../emoji/api";
import "../emoji/emoji.css";
import { parseMarkdown, type Block, type Inline } from "./markdown";

function Spoiler({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const [shown, setShown] = useState(false);
  if (shown) return <span className="md-spoiler md-spoiler--shown">{children}</span>;
  return (
    <span
      className="md-spoiler"
      role="button"
      tabIndex={0}
      aria-label={t("chat.message.spoiler")}
      data-testid="spoiler"
      onClick={(e) => {
        e.stopPropagation();
        setShown(true);
      }}
      onKeyDown={(e) => {
        if (e.key === "Enter" || e.key === " ") {
          e.preventDefault();
          setShown(true);
        }
      }}
    >
      <span aria-hidden="true">{children}</span>
    </span>
  );
}

function renderInline(nodes: Inline[], me: string | undefined, keyPrefix: string): ReactNode[] {
  return nodes.map((node, i) => {
    const key = `${keyPrefix}${i}`;
    switch (node.type) {
      case "text":
        return node.text;
      case "bold":
        return <strong key={key}>{renderInline(node.children, me, `${key}.`)}</strong>;
      case "italic":
        return <em key={key}>{renderInline(node.children, me, `${key}.`)}</em>;
      case "strike":
        return <s key={key}>{renderInline(node.children, me, `${key}.`)}</s>;
      case "spoiler":
        return <Spoiler key={key}>{renderInline(node.children, me, `${key}.`)}</Spoiler>;
      case "code":
        return (
          <code key={key} className="md-code">
            {node.text}
          </code>
        );
      case "link":
        return (
          <a key={key} href={node.href} target="_blank" rel="noopener noreferrer nofollow" className="md-link">
            {node.text}
          </a>
        );
      case "mention": {
        const lower = node.username.toLowerCase();
        const isMe = (me !== undefined && lower === me.toLowerCase()) || lower === "everyone" || lower === "here";
        return (
          <span key={key} className={`md-mention${isMe ? " md-mention--me" : ""}`}>
            @{node.username}
          </span>
        );
      }
      case "emoji":
        return (
          <span key={key} className="md-emoji" title={`:${node.code}:`}>
            {node.emoji}
          </span>
        );
      case "customEmoji":
        return (
          <img
            key={key}
            className="md-custom-emoji"
            src={emojiUrl(node.id)}
            alt={`:${node.name}:`}
            title={`:${node.name}:`}
            draggable={false}
            loading="lazy"
            data-testid="custom-emoji"
            data-emoji-id={node.id}
          />
        );
    }
  });
}

function renderBlock(block: Block, me: string | undefined, index: number): ReactNode {
  switch (block.type) {
    case "paragraph":
      return (
        <span key={index} className="md-p">
          {renderInline(block.children, me, `${index}.`)}
        </span>
      );
    case "quote":
      return (
        <blockquote key={index} className="md-quote">
          {renderInline(block.children, me, `${index}.`)}
        </blockquote>
      );
    case "codeblock":
      return (
        <pre key={index} className="md-pre" data-language={block.language ?? undefined}>
          <code>{block.text}</code>
        </pre>
      );
  }
}

/** A message's text as React elements (never as HTML). `me` is the signed-in username, to highlight mentions of you. */
export function Markdown({ text, me }: { text: string; me?: string }) {
  return <>{parseMarkdown(text).map((block, i) => renderBlock(block, me, i))}</>;
}
